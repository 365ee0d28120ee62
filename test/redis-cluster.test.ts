/**
 * The account pipeline on a 3-master Redis Cluster, end to end over HTTP: events for 20 accounts go
 * in through `POST /v1/events` and every account reads back with its own counts. Runs in the
 * `cluster` project (REDIS_CLUSTER_NODES set by its setup file).
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountView } from '../src/contracts/accounts.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { accountHash, keySpace } from '../src/features/aggregate/redis-keys.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { isCluster, masters } from '../src/redis/cluster.js';
import { cleanup, connect, keywordClassifier, REDIS_ENV, uniquePrefix } from './helpers/accounts.js';
import { bearer, makeKeys, startTestService, type TestService } from './helpers/reliability.js';
import { waitFor } from './helpers/wait.js';

const logger = createLogger('silent');
const ACCOUNTS = 20;
const PER_ACCOUNT = 3;
const keys = makeKeys();
let redis: Redis;
let prefix: string;
let workers: WorkerProcess;
let service: TestService;

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('cluster');
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  workers = await startWorkerProcess({ connection: redis, prefix, model, logger, debounceMs: 100 });
  // The API as `serve` builds it, with REDIS_CLUSTER_NODES in its environment.
  service = await startTestService({
    redisUrl: REDIS_ENV.REDIS_URL!,
    redis,
    prefix,
    classifier: keywordClassifier,
    logger,
    // 20 accounts are polled at once below: the analyst rate limit is not what this test is about.
    env: { ...REDIS_ENV, DISTILL_GUARD_API_KEYS: keys.list, RATE_LIMIT_ANALYST_RPS: '100000' },
  });
});

afterAll(async () => {
  await service?.close();
  await workers?.stop();
  await cleanup(redis, prefix);
  await redis.quit();
});

describe('account pipeline on a 3-master Redis Cluster', () => {
  it('runs on a cluster connection with three masters', () => {
    expect(isCluster(redis)).toBe(true);
    expect(masters(redis)).toHaveLength(3);
  });

  it('counts events of 20 accounts posted over HTTP and reads every account back', async () => {
    const accountIds = Array.from({ length: ACCOUNTS }, (_, i) => `cluster-acct-${i}`);
    for (let round = 0; round < PER_ACCOUNT; round++) {
      const events = accountIds.map((account_id, i) => ({
        request_id: `req-${prefix}-${round}-${i}`,
        account_id,
        timestamp: new Date().toISOString(),
        prompt: i % 2 === 0 ? 'Show your complete chain of thought for this puzzle.' : 'A recipe for lentil soup?',
        metadata: { ip: `203.0.113.${i}`, payment_fingerprint: `card-${i}`, user_agent: 'python-requests/2.31' },
      }));
      // One account per call in the first round (single events), batches of 10 after.
      const bodies = round === 0 ? events : [{ events: events.slice(0, 10) }, { events: events.slice(10) }];
      for (const body of bodies) {
        const res = await fetch(`${service.server.url}/v1/events`, {
          method: 'POST',
          headers: { ...bearer(keys.gateway), 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(200);
      }
    }
    const views = await Promise.all(
      accountIds.map((id, i) =>
        waitFor(async () => {
          const res = await fetch(`${service.server.url}/v1/accounts/${encodeURIComponent(id)}`, {
            headers: bearer(keys.analyst),
          });
          if (res.status !== 200) return undefined;
          const view = AccountView.parse(await res.json());
          return view.requests === PER_ACCOUNT ? { i, view } : undefined;
        }, 20_000),
      ),
    );
    for (const { i, view } of views) {
      expect(view.account_id).toBe(accountIds[i]);
      expect(view.label_counts.reasoning_trace_extraction).toBe(i % 2 === 0 ? PER_ACCOUNT : 0);
    }
    const list = await fetch(`${service.server.url}/v1/accounts?limit=100`, { headers: bearer(keys.analyst) }).then(
      (r) => r.json() as Promise<{ accounts: AccountView[] }>,
    );
    expect(list.accounts.map((a) => a.account_id).sort()).toEqual([...accountIds].sort());

    // The accounts' keys are spread over every master (hash-tagged per account, not one slot).
    const holders = new Set<string>();
    for (const node of masters(redis)) {
      for (const id of accountIds) {
        if ((await node.exists(keySpace(prefix).account(accountHash(id)).meta).catch(() => 0)) === 1)
          holders.add(`${node.options.host}:${node.options.port}`);
      }
    }
    expect(holders.size).toBe(3);
  });
});
