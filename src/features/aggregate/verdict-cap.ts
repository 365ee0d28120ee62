/**
 * The analyst's verdict on the automated score:
 * - `legit_eval` (a declared evaluation or own-model distillation workload, with its purpose in the
 *   note) caps the account at `elevated` / monitor;
 * - `confirmed_attacker` lifts a contract cap (contract-cap.ts): the analyst has seen through the
 *   contract;
 * - any other verdict, or none, leaves the score as the model and the contract policy give it.
 *
 * Invariants: the requests are still counted and the features still computed; the likelihood,
 * level and action before the cap are kept in `verdict_cap`; the capped likelihood stays inside
 * the `elevated` range (level-cap.ts). Besides this and the contract cap, nothing in scoring
 * discounts an account.
 */
import type { AccountView } from '../../contracts/accounts.js';
import type { Verdict } from '../../contracts/verdicts.js';
import type { Thresholds } from './account-model.js';
import { liftContractCap, restoreContractCap } from './contract-cap.js';
import { capView, uncapView } from './level-cap.js';

export function applyVerdictCap(view: AccountView, verdict: Verdict | null, t: Thresholds): AccountView {
  const { verdict_cap: previous, ...rest } = view;
  // The score before any verdict: undo an earlier cap first (the verdict may have changed since).
  const unverdicted = previous === undefined ? rest : uncapView(rest, previous, 'verdict');
  const own =
    verdict?.verdict === 'confirmed_attacker' ? liftContractCap(unverdicted) : restoreContractCap(unverdicted, t);
  if (verdict?.verdict !== 'legit_eval' || own.likelihood < t.high) return own;
  const { capped, before } = capView(
    own,
    t,
    'verdict',
    (level) =>
      `capped at ${level} by the legit_eval verdict of ${verdict.analyst} (${verdict.at.slice(0, 10)}): ${verdict.note ?? ''}; ${own.level} (${own.likelihood.toFixed(3)}) before the cap`,
  );
  return { ...capped, verdict_cap: { verdict: 'legit_eval', ...before } };
}
