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

/** A comma-separated list of contract sign-up paths (`none`: no contract path). */
export function parseContractSignupPaths(list: string): string[] {
  return list
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== 'none');
}

/** ACCOUNT_CONTRACT_SIGNUP_PATHS as a list. */
export const contractSignupPaths = (env: Env): string[] => parseContractSignupPaths(env.ACCOUNT_CONTRACT_SIGNUP_PATHS);

export const loadAccountModelFromEnv = (env: Env): Promise<AccountModel> =>
  loadAccountModel(env.DISTILL_GUARD_MODELS_DIR, thresholdOverrides(env), contractSignupPaths(env));
