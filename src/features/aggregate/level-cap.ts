/**
 * The one way an explicit, auditable mechanism lowers an account's score: it caps the likelihood
 * just below the `high` threshold, so the account sits at `elevated` / monitor (never allowed
 * outright) and ranked queries by level agree with the level. The callers keep the score before
 * the cap beside the view and say why in a top factor.
 */
import type { AccountView, Level } from '../../contracts/accounts.js';
import { actionOf, levelOf, type Thresholds } from './account-model.js';

const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
};

/** The view with a cap undone: the score before it back, its top factor gone. */
export function uncapView(
  view: AccountView,
  before: Pick<AccountView, 'likelihood' | 'level' | 'action'>,
  factor: string,
): AccountView {
  return {
    ...view,
    likelihood: before.likelihood,
    level: before.level,
    action: before.action,
    top_factors: view.top_factors.filter((f) => f.factor !== factor),
  };
}

/**
 * The view capped just below `high`, with a top factor `factor` that explains it (`detail` gets the
 * capped level), and the score before the cap for the caller to keep.
 */
export function capView(
  view: AccountView,
  t: Thresholds,
  factor: string,
  detail: (cappedLevel: Level) => string,
): { capped: AccountView; before: Pick<AccountView, 'likelihood' | 'level' | 'action'> } {
  const likelihood = Math.min(view.likelihood, Math.round((t.high - 1e-4) * 1e6) / 1e6);
  const level = levelOf(likelihood, t);
  const contribution = Math.round((logit(likelihood) - logit(view.likelihood)) * 1000) / 1000;
  return {
    capped: {
      ...view,
      likelihood,
      level,
      action: actionOf(level),
      top_factors: [{ factor, contribution, detail: detail(level) }, ...view.top_factors],
    },
    before: { likelihood: view.likelihood, level: view.level, action: view.action },
  };
}
