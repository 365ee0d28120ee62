/**
 * Promotion: moves `current.json` to a candidate version if the promotion gate passes (or when
 * forced with a reason), records the promotion in `<modelsDir>/promotions.jsonl` and in the
 * version's own `promotions.jsonl`, and announces it so running services swap models. The
 * record and `current.json` pin the SHA-256 of the version's head.json and weights.bin: the
 * registry refuses that version from then on if its files change (models/head-pins.ts).
 */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { currentVersion, readVersionMeta, setCurrentVersion, versionDir } from '../../models/registry.js';
import { readMetrics } from './metrics.js';
import {
  DEFAULT_TOLERANCE,
  describeRegressions,
  promotionGate,
  type GateCheck,
  type GateResult,
} from './promotion-gate.js';
import type { ModelEvent } from './model-events.js';

export const PROMOTIONS_LOG = 'promotions.jsonl';

/** What every promotion log line records, for a head or an account model. */
export interface PromotionDecision {
  at: string;
  version: string;
  previous: string | null;
  by: string;
  forced: boolean;
  reason: string | null;
  tolerance: number;
  /** Gate checks the candidate failed (forced promotions only). */
  regressions: GateCheck[];
}

export interface PromotionRecord extends PromotionDecision {
  /** Why the gate could not run (forced promotions only). */
  gateSkipped: string | null;
  /** SHA-256 of the promoted head.json and weights.bin. */
  headSha256: string;
  weightsSha256: string;
}

export interface PromoteOptions {
  modelsDir: string;
  version: string;
  force?: boolean;
  reason?: string;
  tolerance?: number;
  /** Who promotes (recorded). */
  by: string;
  now?: () => Date;
  /** Announces the promotion; resolves with how many processes received it. */
  publish?: (event: ModelEvent) => Promise<number>;
}

export type PromoteResult =
  | { status: 'unchanged'; version: string }
  | { status: 'promoted'; record: PromotionRecord; gate: GateResult | null; notified: number | null };

export class PromotionRefusedError extends Error {
  override readonly name = 'PromotionRefusedError';
  constructor(
    message: string,
    readonly gate: GateResult | null,
  ) {
    super(message);
  }
}

export async function promote(opts: PromoteOptions): Promise<PromoteResult> {
  const { modelsDir, version } = opts;
  const tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
  const force = opts.force === true;
  const reason = opts.reason?.trim() ?? '';
  if (force && reason.length === 0)
    throw new PromotionRefusedError('--force needs --reason "why this version ships anyway"', null);
  await readVersionMeta(modelsDir, version);
  const previous = await currentVersion(modelsDir).catch(() => null);
  if (previous === version) return { status: 'unchanged', version };

  const candidate = await readMetrics(versionDir(modelsDir, version));
  const live = previous === null ? undefined : await readMetrics(versionDir(modelsDir, previous));
  let gate: GateResult | null = null;
  let gateSkipped: string | null = null;
  if (candidate === undefined)
    gateSkipped = `${version} has not been evaluated (run distill-guard eval --model ${version})`;
  else if (previous !== null && live === undefined) gateSkipped = `the live version ${previous} has not been evaluated`;
  else if (live !== undefined) gate = promotionGate(candidate, live, tolerance);

  if (!force) {
    if (gateSkipped !== null) throw new PromotionRefusedError(`refusing to promote ${version}: ${gateSkipped}`, null);
    if (gate !== null && !gate.passed) {
      throw new PromotionRefusedError(
        `refusing to promote ${version}: worse than the live version ${previous} beyond the tolerance (${tolerance}):\n${describeRegressions(gate)}`,
        gate,
      );
    }
  }

  const digests = await setCurrentVersion(modelsDir, version);
  const record: PromotionRecord = {
    at: (opts.now ?? (() => new Date()))().toISOString(),
    version,
    previous,
    by: opts.by,
    forced: force,
    reason: reason.length > 0 ? reason : null,
    tolerance,
    regressions: gate?.regressions ?? [],
    gateSkipped,
    ...digests,
  };
  const line = `${JSON.stringify(record)}\n`;
  await appendFile(path.join(path.resolve(modelsDir), PROMOTIONS_LOG), line);
  await appendFile(path.join(versionDir(modelsDir, version), PROMOTIONS_LOG), line);
  const notified = opts.publish ? await opts.publish({ type: 'promoted', version, previous, at: record.at }) : null;
  return { status: 'promoted', record, gate, notified };
}
