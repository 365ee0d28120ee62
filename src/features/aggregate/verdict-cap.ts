/**
 * The explicit, auditable way a legitimate pattern lowers a verdict: an analyst's `legit_eval`
 * verdict (a declared evaluation or own-model distillation workload, with its purpose in the note)
 * caps the account at `elevated` / monitor. Nothing else in scoring discounts an account.
 *
 * Invariants: the requests are still counted and the features still computed; the likelihood,
 * level and action before the cap are kept in `verdict_cap`; the capped likelihood stays inside
 * the `elevated` range, so ranked queries by level agree with the level; any other verdict in
 * force leaves the score as the model gives it.
 */
import type { AccountView, Level, TopFactor } from '../../contracts/accounts.js';
import type { Verdict } from '../../contracts/verdicts.js';
import { actionOf, levelOf, type Thresholds } from './account-model.js';

export const CAPPED_LEVEL: Level = 'elevated';

const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
};

export function applyVerdictCap(view: AccountView, verdict: Verdict | null, t: Thresholds): AccountView {
  const { verdict_cap: previous, ...rest } = view;
  // The model's own verdict: undo an earlier cap first (the verdict may have changed since).
  const own: AccountView =
    previous === undefined
      ? rest
      : {
          ...rest,
          likelihood: previous.likelihood,
          level: previous.level,
          action: previous.action,
          top_factors: rest.top_factors.filter((f) => f.factor !== 'verdict'),
        };
  if (verdict?.verdict !== 'legit_eval' || own.likelihood < t.high) return own;
  const likelihood = Math.min(own.likelihood, Math.round((t.high - 1e-4) * 1e6) / 1e6);
  const level = levelOf(likelihood, t);
  const factor: TopFactor = {
    factor: 'verdict',
    contribution: Math.round((logit(likelihood) - logit(own.likelihood)) * 1000) / 1000,
    detail: `capped at ${level} by the legit_eval verdict of ${verdict.analyst} (${verdict.at.slice(0, 10)}): ${verdict.note ?? ''}; ${own.level} (${own.likelihood.toFixed(3)}) before the cap`,
  };
  return {
    ...own,
    likelihood,
    level,
    action: actionOf(level),
    verdict_cap: { verdict: 'legit_eval', likelihood: own.likelihood, level: own.level, action: own.action },
    top_factors: [factor, ...own.top_factors],
  };
}
