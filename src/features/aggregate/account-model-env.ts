/** The account model as the environment configures it (DISTILL_GUARD_MODELS_DIR, ACCOUNT_THRESHOLD_*, ACCOUNT_CONTRACT_SIGNUP_PATHS). */
import type { Env } from '../../env.js';
import { loadAccountModel, type AccountModel } from './account-model.js';

export function thresholdOverrides(env: Env) {
  return {
    ...(env.ACCOUNT_THRESHOLD_ELEVATED !== undefined ? { elevated: env.ACCOUNT_THRESHOLD_ELEVATED } : {}),
    ...(env.ACCOUNT_THRESHOLD_HIGH !== undefined ? { high: env.ACCOUNT_THRESHOLD_HIGH } : {}),
    ...(env.ACCOUNT_THRESHOLD_CRITICAL !== undefined ? { critical: env.ACCOUNT_THRESHOLD_CRITICAL } : {}),
  };
}

/** ACCOUNT_CONTRACT_SIGNUP_PATHS as a list (`none`: no contract path). */
export function contractSignupPaths(env: Env): string[] {
  return env.ACCOUNT_CONTRACT_SIGNUP_PATHS.split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== 'none');
}

export const loadAccountModelFromEnv = (env: Env): Promise<AccountModel> =>
  loadAccountModel(env.DISTILL_GUARD_MODELS_DIR, thresholdOverrides(env), contractSignupPaths(env));
