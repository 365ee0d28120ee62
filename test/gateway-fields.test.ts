import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import {
  INVALID_GATEWAY_FIELD,
  createEventsRequestSchema,
  parseEventsRequest,
  type AccountEventJob,
} from '../src/contracts/events.js';
import { AccountAggregates } from '../src/features/aggregate/account-aggregates.js';
import { computeFeatures } from '../src/features/aggregate/account-features.js';
import { AccountModel, loadAccountModel } from '../src/features/aggregate/account-model.js';
import { toJob } from '../src/features/aggregate/event-job.js';
import { toSummaryEvent } from '../src/features/aggregate/offline.js';
import { accountHash } from '../src/features/aggregate/redis-keys.js';
import { scoreSummary } from '../src/features/aggregate/score-account.js';
import { summarizeEvents } from '../src/features/aggregate/summary.js';
import { createNodeBuilder } from '../src/features/clusters/account-node.js';
import { runClusterPass } from '../src/features/clusters/cluster-pass.js';
import { gatewaySync, prepareGatewaySync, syncCoActivity } from '../src/features/clusters/gateway-sync.js';
import { SLOT_MS } from '../src/features/clusters/graph-fields.js';
import { DEFAULT_CLUSTER_PARAMS } from '../src/features/clusters/params.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { cleanup, connect, job, uniquePrefix } from './helpers/accounts.js';

const T0 = Date.UTC(2025, 5, 2, 12, 0, 0);
const HOUR = 3_600_000;
const schema = createEventsRequestSchema({ maxPromptChars: 1000, maxEvents: 10 });
const event = (metadata: Record<string, unknown>) => ({
  request_id: 'r-1',
  account_id: 'a-1',
  timestamp: new Date(T0).toISOString(),
  prompt: 'hello',
  metadata: { ip: '10.0.0.1', payment_fingerprint: 'pf', user_agent: 'ua', ...metadata },
});

function codeOf(body: unknown): string | undefined {
  try {
    parseEventsRequest(schema, body);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    return (err as AppError).code;
  }
}

describe('optional gateway fields at the edge', () => {
  it('accepts model, access path, creation time and sign-up path and carries them into the job', () => {
    const [e] = parseEventsRequest(
      schema,
      event({
        model: 'frontier-2026-03',
        access_path: 'cloud-a',
        account_created_at: '2025-06-01T08:00:00Z',
        signup_path: 'research_program',
      }),
    );
    const j = toJob(e!, 'benign');
    expect(j).toMatchObject({
      model: 'frontier-2026-03',
      access_path: 'cloud-a',
      created_at: Date.parse('2025-06-01T08:00:00Z'),
      signup_path: 'research_program',
    });
  });

  it('rejects a bad value with 400 invalid_gateway_field and names the field', () => {
    for (const bad of [
      { model: '' },
      { model: 'has space' },
      { access_path: 'a:b' },
      { account_created_at: 'yesterday' },
      { signup_path: 'x'.repeat(200) },
      { signup_path: 7 },
    ]) {
      expect(codeOf(event(bad))).toBe(INVALID_GATEWAY_FIELD);
      try {
        parseEventsRequest(schema, event(bad));
      } catch (err) {
        expect((err as AppError).details?.[0]?.path).toBe(`metadata.${Object.keys(bad)[0]}`);
      }
    }
    // Any other invalid field keeps the generic code.
    expect(codeOf(event({ model: 'ok', ip: '' }))).toBe('invalid_request');
  });

  it('takes a creation time later than the request as the request time', () => {
    const [e] = parseEventsRequest(schema, event({ account_created_at: new Date(T0 + HOUR).toISOString() }));
    expect(toJob(e!, 'benign').created_at).toBe(T0);
  });
});

describe('gateway facts in the account aggregates', () => {
  let redis: Redis;
  let model: AccountModel;
  const prefix = uniquePrefix('gateway');
  beforeAll(async () => {
    redis = await connect();
    model = await loadAccountModel(DEFAULT_MODELS_DIR);
  });
  afterAll(async () => {
    await cleanup(redis, prefix);
    await redis.quit();
  });

  const withFields = (i: number): AccountEventJob =>
    job({
      account_id: 'young',
      request_id: `g-${i}`,
      ts: T0 - i * 600_000,
      label: i % 3 === 0 ? 'reasoning_trace_extraction' : 'benign',
      ...(i % 2 === 0 ? { model: i < 6 ? 'frontier-next' : 'frontier-old' } : {}),
      ...(i % 3 !== 1 ? { created_at: T0 - 2 * 86_400_000 + (i % 5) * 1000, signup_path: 'education' } : {}),
      access_path: i % 4 === 0 ? 'direct' : 'cloud-a',
    });

  it('keeps the same facts in Redis, in any order, as the offline summary', async () => {
    const events = Array.from({ length: 20 }, (_, i) => withFields(i));
    const a = new AccountAggregates({ redis, prefix, now: () => T0, dedupTtlMs: HOUR, debounceMs: 500 });
    await a.apply([...events].reverse());
    await a.apply(events);
    const stored = (await a.readSummary(accountHash('young')))!;
    const offline = summarizeEvents('young', events.map(toSummaryEvent), T0);
    expect(stored.gateway).toEqual(offline.gateway);
    expect(stored.gateway).toEqual({
      createdAt: T0 - 2 * 86_400_000,
      signupPath: 'education',
      accessPath: 'cloud-a',
      modelFirstUse: { 'frontier-next': T0 - 4 * 600_000, 'frontier-old': T0 - 18 * 600_000 },
    });
    const f = computeFeatures(stored, T0, 0, model.prior, { education: 1.2 }).features;
    expect(f.account_youth).toBeGreaterThan(0.9);
    expect(f.signup_path_risk).toBe(1.2);
  });

  it('scores old events without the fields exactly as before, whatever the gateway weights', async () => {
    const old = Array.from({ length: 30 }, (_, i) => {
      const { model: _m, access_path: _a, created_at: _c, signup_path: _s, ...rest } = withFields(i);
      return { ...rest, account_id: 'old', request_id: `o-${i}` };
    });
    const a = new AccountAggregates({ redis, prefix, now: () => T0, dedupTtlMs: HOUR, debounceMs: 500 });
    await a.apply(old);
    const stored = (await a.readSummary(accountHash('old')))!;
    expect(stored.gateway).toEqual({ createdAt: null, signupPath: null, accessPath: null, modelFirstUse: {} });
    const keen = new AccountModel({
      ...model.artifact,
      weights: { ...model.artifact.weights, account_youth: 5, signup_path_risk: 5 },
      signup_path_lift: { education: 2, standard: 1 },
    });
    const plain = new AccountModel({
      ...model.artifact,
      weights: { ...model.artifact.weights, account_youth: 0, signup_path_risk: 0 },
    });
    const view = scoreSummary(stored, T0, keen);
    expect(view).toEqual(scoreSummary(stored, T0, plain));
    expect(view.features.account_youth).toBe(0);
    expect(view.features.signup_path_risk).toBe(0);
  });

  it('leaves the cluster pass of old events unchanged (no gateway counters, no sync edges)', () => {
    const b = createNodeBuilder();
    for (let acct = 0; acct < 6; acct++)
      for (let i = 0; i < 12; i++) b.add(job({ account_id: `c${acct}`, ts: T0 + i * 300_000, ip: '10.9.9.9' }));
    const nodes = b.nodes();
    for (const n of nodes) expect([n.created, n.modelFirst.size, n.signup.size]).toEqual([null, 0, 0]);
    const pass = runClusterPass(nodes);
    expect(pass.clusters.flatMap((c) => c.link.signals.map((s) => s.signal))).not.toContain('gateway_sync');
  });
});

describe('gateway sync in the cluster pass', () => {
  const RELEASED = 'frontier-new';
  const RELEASE = T0 + 30 * HOUR;
  /**
   * A campaign (one card, lockstep dispatch) and unrelated adopters with the same label mix, each at
   * its own hours and identifiers; everyone switches to the newly released model in the same hour.
   */
  function campaignAndAdopters(opts: { adoptersCreatedWithCampaign: boolean }) {
    const b = createNodeBuilder();
    const campaignCreated = T0 - 2 * HOUR;
    for (let acct = 0; acct < 6; acct++)
      for (let i = 0; i < 24; i++) {
        const ts =
          i < 20 ? T0 + i * 1.5 * HOUR + acct * 20_000 : RELEASE + HOUR / 2 + (i - 20) * 600_000 + acct * 20_000;
        b.add(
          job({
            account_id: `campaign-${acct}`,
            ts,
            ip: `10.200.0.${(acct + i) % 9}`,
            payment_fingerprint: 'card-shared',
            user_agent: 'bot-ua',
            label: i % 3 === 0 ? 'reasoning_trace_extraction' : 'benign',
            model: i >= 20 ? RELEASED : 'frontier-old',
            created_at: campaignCreated + acct * 60_000,
          }),
        );
      }
    for (let acct = 0; acct < 4; acct++)
      for (let i = 0; i < 24; i++) {
        const ts =
          i < 20
            ? T0 + ((acct * 7 + i * 5) % 60) * HOUR + (acct + 1) * 997_000
            : i === 20
              ? RELEASE + HOUR / 2 + (acct + 1) * 170_000
              : RELEASE + (3 + acct * 5 + (i - 20) * 7) * HOUR + (acct + 1) * 997_000;
        b.add(
          job({
            account_id: `adopter-${acct}`,
            ts,
            ip: `10.${acct}.0.${i % 3}`,
            payment_fingerprint: `card-${acct}`,
            user_agent: `ua-${acct}`,
            label: i % 3 === 0 ? 'reasoning_trace_extraction' : 'benign',
            model: i >= 20 ? RELEASED : 'frontier-old',
            created_at: opts.adoptersCreatedWithCampaign
              ? campaignCreated + (acct + 6) * 60_000
              : T0 - (40 + 9 * acct) * 24 * HOUR,
          }),
        );
      }
    return b.nodes();
  }

  it('counts each coincidence; one shared switch hour (or that and a creation hour) adds too little to link anyone', () => {
    for (const adoptersCreatedWithCampaign of [false, true]) {
      const nodes = campaignAndAdopters({ adoptersCreatedWithCampaign });
      const sync = prepareGatewaySync(nodes, Math.floor(T0 / SLOT_MS));
      expect(sync.switches.every((s) => s.has(RELEASED))).toBe(true);
      const at = (id: string) => nodes.findIndex((n) => n.id === id);
      expect(gatewaySync(sync, at('adopter-0'), at('campaign-0'))).toBeCloseTo(adoptersCreatedWithCampaign ? 2 : 1, 5);
      expect(syncCoActivity(1)).toBeLessThan(DEFAULT_CLUSTER_PARAMS.strong.coActivity);
      const clusters = runClusterPass(nodes).clusters;
      const campaign = clusters.find((c) => c.members.some((m) => m.startsWith('campaign-')));
      expect(campaign?.members.filter((m) => m.startsWith('campaign-'))).toHaveLength(6);
      expect(clusters.flatMap((c) => c.members.filter((m) => m.startsWith('adopter-')))).toEqual([]);
    }
  });
});
