import type { Rng } from './rng.js';
import type { Datasets } from './datasets.js';
import type { World } from './world.js';

export type Kind = 'attack' | 'legit';
export type AccessPath = 'direct' | 'cloud-a' | 'cloud-b';
export type SignupPath = 'standard' | 'education' | 'research_program' | 'startup' | 'enterprise';

/** Gateway metadata, keys in the order they are serialised. */
export interface Metadata {
  ip: string;
  payment_fingerprint: string;
  user_agent: string;
  org_id?: string;
  model?: string;
  access_path?: string;
  account_created_at?: string;
  signup_path?: string;
}

export interface GatewayEvent {
  request_id: string;
  account_id: string;
  timestamp: string;
  prompt: string;
  metadata: Metadata;
}

/** An event before ids are assigned and the stream is sorted. `t` is epoch milliseconds. */
export interface DraftEvent {
  accountId: string;
  t: number;
  prompt: string;
  meta: Metadata;
}

export interface Account {
  id: string;
  createdAt: number;
  signupPath: SignupPath;
  accessPath: AccessPath;
  orgId?: string;
  campaignId: string | null;
}

export interface Window {
  start: number;
  end: number;
}

export interface Models {
  /** The model most traffic uses at the start of the window. */
  current: string;
  /** A cheaper model some batch traffic uses. */
  mini: string;
  /** The newer model, released inside the window. */
  next: string;
  nextReleaseAt: number;
}

/** What a family's generation sees, apart from the kit (lib/family.ts adds it). */
export interface GenerationContext {
  seed: number;
  scale: number;
  window: Window;
  /** The window as a timing span. */
  span: { from: number; to: number };
  models: Models;
  /** Generator private to this family (depends on seed and family name only). */
  rng: Rng;
  data: Datasets;
  world: World;
}

export interface FamilyResult {
  params: Record<string, unknown>;
  accounts: Account[];
  events: DraftEvent[];
}

export interface Truth {
  seed: number;
  window: { start: string; end: string };
  families: Record<string, { kind: Kind; description: string; params: Record<string, unknown> }>;
  accounts: Record<string, { family: string; kind: Kind; campaign_id: string | null }>;
}
