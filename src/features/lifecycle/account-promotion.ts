/**
 * Promotion of an account model: a candidate under models/account/ replaces the live one only if,
 * on the same red-team evaluation, no attack family's recall at 1% FPR (nor the overall recall
 * and ROC-AUC) is worse by more than the tolerance, and no account of a protected legitimate
 * family (eval teams, NAT companies, classes) is at block. `current.json` then names it and the
 * promotion is appended to models/account/promotions.jsonl with the SHA-256 of the artifact.
 * The checks and the refusal are the prompt head's (promotion-gate.ts, promote.ts).
 */
import { createHash } from 'node:crypto';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AccountModelArtifact } from '../aggregate/account-model.js';
import { DEFAULT_TOLERANCE, describeRegressions, type GateCheck, type GateResult } from './promotion-gate.js';
import { PROMOTIONS_LOG, PromotionRefusedError, type PromotionDecision } from './promote.js';

/** What the gate reads of an account evaluation (training/account/family-eval.ts figures). */
export interface AccountEvalSummary {
  accounts: number;
  attackers: number;
  roc_auc: number;
  recall_at_1pct_fpr: number;
  legit_shared_at_block: Record<string, number>;
  per_family: Record<string, { accounts: number; recall_at_1pct_fpr?: number }>;
}

export function accountPromotionGate(
  candidate: AccountEvalSummary,
  current: AccountEvalSummary,
  tolerance = DEFAULT_TOLERANCE,
): GateResult {
  const families = (e: AccountEvalSummary) =>
    Object.entries(e.per_family)
      .map(([f, v]) => `${f}:${v.accounts}`)
      .sort()
      .join(',');
  if (candidate.accounts !== current.accounts || families(candidate) !== families(current))
    return {
      passed: false,
      tolerance,
      checks: [],
      regressions: [],
      incomparable: `evaluated on different account sets (${candidate.accounts} vs ${current.accounts} accounts)`,
    };
  const checks: GateCheck[] = [];
  const higher = (metric: string, cand: number, cur: number) =>
    checks.push({ metric, candidate: cand, current: cur, change: cand - cur, regression: cur - cand > tolerance });
  higher('ROC-AUC (all)', candidate.roc_auc, current.roc_auc);
  higher('recall at 1% FPR (all)', candidate.recall_at_1pct_fpr, current.recall_at_1pct_fpr);
  for (const family of Object.keys(candidate.per_family).sort()) {
    const cand = candidate.per_family[family]!.recall_at_1pct_fpr;
    const cur = current.per_family[family]?.recall_at_1pct_fpr;
    if (cand !== undefined && cur !== undefined) higher(`recall at 1% FPR (${family})`, cand, cur);
  }
  for (const family of Object.keys(candidate.legit_shared_at_block).sort()) {
    const cand = candidate.legit_shared_at_block[family]!;
    const cur = current.legit_shared_at_block[family] ?? 0;
    // Any protected legitimate account at block refuses the candidate, whatever the live model does.
    checks.push({
      metric: `${family} accounts at block`,
      candidate: cand,
      current: cur,
      change: cur - cand,
      regression: cand > 0,
    });
  }
  const regressions = checks.filter((c) => c.regression);
  return { passed: regressions.length === 0, tolerance, checks, regressions };
}

export interface AccountPromotionRecord extends PromotionDecision {
  artifactSha256: string;
  /** The candidate's figures on the evaluation the gate compared. */
  eval: { roc_auc: number; recall_at_1pct_fpr: number; worst_family: string | null; worst_recall: number | null };
}

export interface PromoteAccountOptions {
  modelsDir: string;
  version: string;
  /** Evaluations of the candidate and of the live model (null: none is live) on the same accounts. */
  candidateEval: AccountEvalSummary;
  currentEval: AccountEvalSummary | null;
  tolerance?: number;
  force?: boolean;
  reason?: string;
  by: string;
  now?: () => Date;
}

const accountDir = (modelsDir: string) => path.join(path.resolve(modelsDir), 'account');

/** The live account model version (models/account/current.json), or null. */
export async function currentAccountVersion(modelsDir: string): Promise<string | null> {
  try {
    const v = (
      JSON.parse(await readFile(path.join(accountDir(modelsDir), 'current.json'), 'utf8')) as { version?: unknown }
    ).version;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

function worstOf(e: AccountEvalSummary): { family: string | null; recall: number | null } {
  let worst: { family: string | null; recall: number | null } = { family: null, recall: null };
  for (const [family, f] of Object.entries(e.per_family).sort(([a], [b]) => (a < b ? -1 : 1)))
    if (f.recall_at_1pct_fpr !== undefined && (worst.recall === null || f.recall_at_1pct_fpr < worst.recall))
      worst = { family, recall: f.recall_at_1pct_fpr };
  return worst;
}

export async function promoteAccountModel(
  opts: PromoteAccountOptions,
): Promise<{ status: 'unchanged' } | { status: 'promoted'; record: AccountPromotionRecord; gate: GateResult | null }> {
  const tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
  const force = opts.force === true;
  const reason = opts.reason?.trim() ?? '';
  if (force && reason.length === 0)
    throw new PromotionRefusedError('--force needs --reason "why this version ships anyway"', null);
  const dir = accountDir(opts.modelsDir);
  const bytes = await readFile(path.join(dir, `${opts.version}.json`));
  AccountModelArtifact.parse(JSON.parse(bytes.toString('utf8')));
  const previous = await currentAccountVersion(opts.modelsDir);
  if (previous === opts.version) return { status: 'unchanged' };
  const gate = opts.currentEval === null ? null : accountPromotionGate(opts.candidateEval, opts.currentEval, tolerance);
  if (!force && gate !== null && !gate.passed)
    throw new PromotionRefusedError(
      `refusing to promote ${opts.version}: worse than the live account model ${previous} beyond the tolerance (${tolerance}), or a protected legitimate account at block:\n${describeRegressions(gate)}`,
      gate,
    );
  await writeFile(path.join(dir, 'current.json'), `${JSON.stringify({ version: opts.version }, null, 2)}\n`);
  const worst = worstOf(opts.candidateEval);
  const record: AccountPromotionRecord = {
    at: (opts.now ?? (() => new Date()))().toISOString(),
    version: opts.version,
    previous,
    by: opts.by,
    forced: force,
    reason: reason.length > 0 ? reason : null,
    tolerance,
    regressions: gate?.regressions ?? [],
    artifactSha256: createHash('sha256').update(bytes).digest('hex'),
    eval: {
      roc_auc: opts.candidateEval.roc_auc,
      recall_at_1pct_fpr: opts.candidateEval.recall_at_1pct_fpr,
      worst_family: worst.family,
      worst_recall: worst.recall,
    },
  };
  await appendFile(path.join(dir, PROMOTIONS_LOG), `${JSON.stringify(record)}\n`);
  return { status: 'promoted', record, gate };
}
