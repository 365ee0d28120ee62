/**
 * Account-level evaluation by family: ROC-AUC over all accounts, recall at 1% FPR over the
 * legitimate accounts for each attack family (one threshold, set by the legitimate accounts
 * only), and how many accounts of each family land at each action. The worst attack family is
 * reported next to the means. Pure: scored accounts in, figures out.
 *
 * Leave-one-family-out: for each attack family F, a model is fitted on the training rows without
 * F's accounts and judged on the test rows (F's attackers and every legitimate account), so each
 * family's recall is that of a campaign kind the model never saw.
 */
import { recallAtFpr, rocAuc } from './logistic.js';

export interface ScoredAccount {
  account: string;
  family: string;
  attack: boolean;
  likelihood: number;
  action: string;
}

export interface FamilyFigures {
  accounts: number;
  mean_likelihood: number;
  /** Attack families: share above the 1% FPR threshold. */
  recall_at_1pct_fpr?: number;
  actions: Record<string, number>;
}

export interface EvalFigures {
  accounts: number;
  attackers: number;
  roc_auc: number;
  recall_at_1pct_fpr: number;
  threshold_at_1pct_fpr: number;
  worst_family: { family: string; recall_at_1pct_fpr: number } | null;
  /** Legitimate accounts of shared-infrastructure or eval families at `block`. */
  legit_shared_at_block: Record<string, number>;
  /** Every legitimate family with accounts at `block`, protected or not (blind look-alikes included). */
  legit_at_block: Record<string, number>;
  per_family: Record<string, FamilyFigures>;
}

/** Legitimate families whose accounts must never be blocked (groups that share cards, IPs or judge templates). */
export const PROTECTED_LEGIT_FAMILIES = ['eval_team', 'corp_nat', 'university_class'] as const;

export const FPR = 0.01;
const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function evaluateScores(scored: readonly ScoredAccount[], fpr = FPR): EvalFigures {
  const s = scored.map((r) => r.likelihood);
  const y = scored.map((r) => (r.attack ? 1 : 0));
  const at = recallAtFpr(s, y, fpr);
  const per: Record<string, FamilyFigures> = {};
  for (const r of scored) {
    const f = (per[r.family] ??= { accounts: 0, mean_likelihood: 0, actions: {} });
    f.accounts += 1;
    f.mean_likelihood += r.likelihood;
    f.actions[r.action] = (f.actions[r.action] ?? 0) + 1;
    if (r.attack) f.recall_at_1pct_fpr = (f.recall_at_1pct_fpr ?? 0) + (r.likelihood > at.threshold ? 1 : 0);
  }
  let worst: EvalFigures['worst_family'] = null;
  for (const [family, f] of Object.entries(per).sort(([a], [b]) => (a < b ? -1 : 1))) {
    f.mean_likelihood = round(f.mean_likelihood / f.accounts);
    if (f.recall_at_1pct_fpr === undefined) continue;
    f.recall_at_1pct_fpr = round(f.recall_at_1pct_fpr / f.accounts);
    if (worst === null || f.recall_at_1pct_fpr < worst.recall_at_1pct_fpr)
      worst = { family, recall_at_1pct_fpr: f.recall_at_1pct_fpr };
  }
  const legit_shared_at_block: Record<string, number> = {};
  for (const fam of PROTECTED_LEGIT_FAMILIES)
    legit_shared_at_block[fam] = scored.filter((r) => r.family === fam && !r.attack && r.action === 'block').length;
  const legit_at_block: Record<string, number> = {};
  for (const r of scored)
    if (!r.attack && r.action === 'block') legit_at_block[r.family] = (legit_at_block[r.family] ?? 0) + 1;
  return {
    accounts: scored.length,
    attackers: y.filter((v) => v === 1).length,
    roc_auc: round(rocAuc(s, y)),
    recall_at_1pct_fpr: round(at.recall),
    threshold_at_1pct_fpr: round(at.threshold),
    worst_family: worst,
    legit_shared_at_block,
    legit_at_block,
    per_family: per,
  };
}

export interface LabelledRow {
  account: string;
  family: string;
  attack: boolean;
}

export interface FamilyOutcome {
  family: string;
  attackers: number;
  roc_auc: number;
  recall_at_1pct_fpr: number;
}

/**
 * Leave-one-family-out over the attack families of `train`: `fit` gets the training rows without
 * one family and returns a scorer; the test rows of that family and every legitimate test row
 * are scored. Families absent from `test` are skipped.
 */
export async function leaveOneFamilyOut<R extends LabelledRow, T extends LabelledRow>(
  train: readonly R[],
  test: readonly T[],
  fit: (rows: readonly R[]) => Promise<(rows: readonly T[]) => ScoredAccount[]>,
  fpr = FPR,
): Promise<{ families: FamilyOutcome[]; worst: FamilyOutcome | null }> {
  const families = [...new Set(train.filter((r) => r.attack).map((r) => r.family))].sort();
  const out: FamilyOutcome[] = [];
  for (const family of families) {
    const held = test.filter((r) => !r.attack || r.family === family);
    if (!held.some((r) => r.attack)) continue;
    const score = await fit(train.filter((r) => r.family !== family));
    const e = evaluateScores(score(held), fpr);
    out.push({ family, attackers: e.attackers, roc_auc: e.roc_auc, recall_at_1pct_fpr: e.recall_at_1pct_fpr });
  }
  const worst = out.reduce<FamilyOutcome | null>(
    (w, f) =>
      w === null ||
      f.recall_at_1pct_fpr < w.recall_at_1pct_fpr ||
      (f.recall_at_1pct_fpr === w.recall_at_1pct_fpr && f.roc_auc < w.roc_auc)
        ? f
        : w,
    null,
  );
  return { families: out, worst };
}
