/**
 * Contract accounts: an account that signed up through a contract path (by default `enterprise`:
 * a negotiated agreement with a known, invoiced customer, which no campaign in the threat model
 * uses) is never throttled or blocked by the automated score alone. Its score is capped at
 * `elevated` / monitor, the score before the cap is kept in `contract_cap`, and a top factor says
 * why, so analysts still see and rank it. A `confirmed_attacker` verdict lifts the cap
 * (verdict-cap.ts). The paths are the operator's policy: ACCOUNT_CONTRACT_SIGNUP_PATHS.
 */
import type { AccountView } from '../../contracts/accounts.js';
import type { Thresholds } from './account-model.js';
import { capView, uncapView } from './level-cap.js';

export const CONTRACT_FACTOR = 'contract';

/** Caps an account of a contract sign-up path that reaches `high`; any other account is unchanged. */
export function applyContractCap(
  view: AccountView,
  signupPath: string | null,
  contractPaths: readonly string[],
  t: Thresholds,
): AccountView {
  if (signupPath === null || !contractPaths.includes(signupPath) || view.likelihood < t.high) return view;
  const { capped, before } = capView(
    view,
    t,
    CONTRACT_FACTOR,
    (level) =>
      `capped at ${level}: a contract account (signed up through ${signupPath}); ${view.level} (${view.likelihood.toFixed(3)}) before the cap, which a confirmed_attacker verdict lifts`,
  );
  return { ...capped, contract_cap: { signup_path: signupPath, ...before, in_force: true } };
}

/** The view without the contract cap in force (the cap stays on record, marked lifted). */
export function liftContractCap(view: AccountView): AccountView {
  const c = view.contract_cap;
  if (c === undefined || !c.in_force) return view;
  return { ...uncapView(view, c, CONTRACT_FACTOR), contract_cap: { ...c, in_force: false } };
}

/** The cap on record put back in force (after a verdict other than confirmed_attacker). */
export function restoreContractCap(view: AccountView, t: Thresholds): AccountView {
  const c = view.contract_cap;
  if (c === undefined || c.in_force) return view;
  const { contract_cap: _lifted, ...rest } = view;
  return applyContractCap(rest, c.signup_path, [c.signup_path], t);
}
