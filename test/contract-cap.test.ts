import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../src/contracts/accounts.js';
import type { AccountEventJob } from '../src/contracts/events.js';
import type { Verdict } from '../src/contracts/verdicts.js';
import { AccountModel, loadAccountModel } from '../src/features/aggregate/account-model.js';
import { contractSignupPaths } from '../src/features/aggregate/account-model-env.js';
import { toSummaryEvent } from '../src/features/aggregate/offline.js';
import { scoreSummary } from '../src/features/aggregate/score-account.js';
import { summarizeEvents } from '../src/features/aggregate/summary.js';
import { applyVerdictCap } from '../src/features/aggregate/verdict-cap.js';
import { DEFAULT_MODELS_DIR, loadEnv } from '../src/env.js';
import { job } from './helpers/accounts.js';

const T0 = Date.UTC(2025, 5, 2, 12, 0, 0);
const MIN = 60_000;

/** A scripted harvester: 80 requests a minute apart, three in four asking for the reasoning trace. */
function harvester(signupPath?: string): AccountEventJob[] {
  return Array.from({ length: 80 }, (_, i) =>
    job({
      account_id: 'acct-contract',
      request_id: `r-${i}`,
      ts: T0 - (80 - i) * MIN,
      user_agent: 'python-requests/2.31',
      label: i % 4 === 0 ? 'benign' : 'reasoning_trace_extraction',
      prompt: `Solve problem ${i % 7} and show every step of your internal reasoning.`,
      ...(signupPath !== undefined ? { signup_path: signupPath, created_at: T0 - 90 * 86_400_000 } : {}),
    }),
  );
}

const scored = (model: AccountModel, signupPath?: string) =>
  scoreSummary(summarizeEvents('acct-contract', harvester(signupPath).map(toSummaryEvent), T0), T0, model);

const verdict = (kind: Verdict['verdict']): Verdict => ({
  account_id: 'acct-contract',
  verdict: kind,
  analyst: 'ana',
  note: kind === 'legit_eval' ? 'nightly eval of our help bot' : null,
  at: new Date(T0).toISOString(),
});

describe('contract accounts (ACCOUNT_CONTRACT_SIGNUP_PATHS)', () => {
  let model: AccountModel;
  beforeAll(async () => {
    model = await loadAccountModel(DEFAULT_MODELS_DIR);
  });

  it('caps an enterprise account that scores high at elevated/monitor, keeping the score before the cap', () => {
    const free = scored(model, 'standard');
    expect(free.level).toMatch(/high|critical/);
    expect(free.contract_cap).toBeUndefined();
    const capped = scored(model, 'enterprise');
    expect(capped).toMatchObject({ level: 'elevated', action: 'monitor' });
    expect(capped.likelihood).toBeLessThan(model.thresholds.high);
    expect(capped.likelihood).toBeGreaterThanOrEqual(model.thresholds.elevated);
    expect(capped.contract_cap).toEqual({
      signup_path: 'enterprise',
      likelihood: free.likelihood,
      level: free.level,
      action: free.action,
      in_force: true,
    });
    expect(capped.top_factors[0]).toMatchObject({ factor: 'contract' });
    expect(capped.top_factors[0]!.contribution).toBeLessThan(0);
    expect(capped.top_factors[0]!.detail).toContain('enterprise');
    // Counted and explained as before: only the likelihood, level, action and the cap factor differ.
    expect(capped.features).toEqual(free.features);
    expect(capped.label_counts).toEqual(free.label_counts);
    expect(capped.top_factors.slice(1)).toEqual(free.top_factors);
  });

  it('leaves other paths, old events without a sign-up path, and a policy without contract paths alone', () => {
    const old = scored(model);
    expect(old.contract_cap).toBeUndefined();
    expect(old.level).toMatch(/high|critical/);
    const none = new AccountModel(model.artifact, model.thresholds, contractSignupPaths(envWith('none')));
    expect(scored(none, 'enterprise').contract_cap).toBeUndefined();
    expect(scored(none, 'enterprise').likelihood).toBe(scored(model, 'standard').likelihood);
    const edu = new AccountModel(model.artifact, model.thresholds, contractSignupPaths(envWith(' enterprise, gov ')));
    expect(edu.contractSignupPaths).toEqual(['enterprise', 'gov']);
    expect(scored(edu, 'gov').level).toBe('elevated');
  });

  it('never lowers an account below elevated, nor touches one already below high', () => {
    const quiet = scoreSummary(
      summarizeEvents(
        'acct-quiet',
        [job({ account_id: 'acct-quiet', ts: T0 - MIN, signup_path: 'enterprise' })].map(toSummaryEvent),
        T0,
      ),
      T0,
      model,
    );
    expect(quiet.contract_cap).toBeUndefined();
    expect(quiet.top_factors.map((f) => f.factor)).not.toContain('contract');
  });

  it('is lifted by a confirmed_attacker verdict and back in force when the verdict changes', () => {
    const capped = scored(model, 'enterprise');
    const t = model.thresholds;
    const lifted = applyVerdictCap(capped, verdict('confirmed_attacker'), t);
    expect(lifted.likelihood).toBe(capped.contract_cap!.likelihood);
    expect(lifted.level).toBe(capped.contract_cap!.level);
    expect(lifted.contract_cap?.in_force).toBe(false);
    expect(lifted.top_factors.map((f) => f.factor)).not.toContain('contract');
    const again: AccountView = applyVerdictCap(lifted, verdict('legitimate'), t);
    expect(again).toEqual(capped);
    expect(applyVerdictCap(capped, null, t)).toEqual(capped);
    // legit_eval on a capped account: already below high, so no second cap.
    const declared = applyVerdictCap(lifted, verdict('legit_eval'), t);
    expect(declared).toEqual(capped);
    expect(declared.verdict_cap).toBeUndefined();
  });
});

function envWith(paths: string) {
  return loadEnv({ ACCOUNT_CONTRACT_SIGNUP_PATHS: paths });
}
