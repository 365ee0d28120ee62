/**
 * What a family module implements and receives: the generation context with the kit (kit.ts).
 * Kept apart from types.ts so the kit's own modules, which use the plain types, import no cycle.
 */
import type { Kit } from './kit.js';
import type { FamilyResult, GenerationContext, Kind } from './types.js';

export interface FamilyContext extends GenerationContext {
  kit: Kit;
}

export interface FamilySpec {
  name: string;
  kind: Kind;
  description: string;
  generate(ctx: FamilyContext): FamilyResult;
}
