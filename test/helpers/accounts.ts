import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AccountEventJob } from '../../src/contracts/events.js';
import { promptSignals } from '../../src/features/aggregate/prompt-signals.js';
import type { PromptClassifier } from '../../src/models/prompt-classifier.js';
import { ATTACK_LABELS } from '../../src/labels.js';
import { eachMaster } from '../../src/redis/cluster.js';
import { parseClusterNodes } from '../../src/redis/cluster-nodes.js';
import { connectRedis } from '../../src/redis/connect.js';
import { deleteKeysWithPrefix } from '../../src/redis/delete-prefix.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Set in the `cluster` test project: the private Redis Cluster's seed nodes. */
export const REDIS_CLUSTER_NODES = process.env.REDIS_CLUSTER_NODES;
/** The Redis variables of the environment the suites run in, for `loadEnv` sources and child processes. */
export const REDIS_ENV: Record<string, string> = {
  REDIS_URL,
  ...(REDIS_CLUSTER_NODES !== undefined ? { REDIS_CLUSTER_NODES } : {}),
};

/** A long-lived client to the suite's Redis: the single one, or the cluster in the `cluster` project. */
export function connect(): Promise<Redis> {
  return connectRedis(
    REDIS_URL,
    REDIS_CLUSTER_NODES === undefined ? undefined : parseClusterNodes(REDIS_CLUSTER_NODES),
  );
}

export const uniquePrefix = (name: string) => `dgtest-${name}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under the prefix. */
export const cleanup = deleteKeysWithPrefix;

/** Keys matching a glob pattern, on every master of a cluster (KEYS: tests only). */
export async function keysMatching(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  await eachMaster(redis, async (node) => {
    found.push(...(await node.keys(pattern)));
  });
  return found;
}

export function job(over: Partial<AccountEventJob> & { prompt?: string } = {}): AccountEventJob {
  const { prompt = 'What is a good recipe for lentil soup?', ...rest } = over;
  return {
    request_id: `req-${randomBytes(6).toString('hex')}`,
    account_id: 'acct-1',
    ts: Date.now(),
    ip: '10.0.0.1',
    payment_fingerprint: 'card-1',
    user_agent: 'Mozilla/5.0',
    label: 'benign',
    ...promptSignals(prompt),
    ...rest,
  };
}

/** A keyword stand-in for the prompt model, for tests of the plumbing around it. */
export const keywordClassifier: PromptClassifier = {
  version: 'keyword-test',
  classify(prompts) {
    return Promise.resolve(
      prompts.map((p) => {
        const label = /chain of thought|internal reasoning/i.test(p)
          ? ('reasoning_trace_extraction' as const)
          : ('benign' as const);
        const scores = Object.fromEntries(ATTACK_LABELS.map((l) => [l, l === label ? 0.95 : 0.01])) as Record<
          (typeof ATTACK_LABELS)[number],
          number
        >;
        const categories = Object.fromEntries(ATTACK_LABELS.map((l) => [l, l === label])) as Record<
          (typeof ATTACK_LABELS)[number],
          boolean
        >;
        return {
          label,
          flagged: label !== 'benign',
          scores,
          categories,
          model: 'keyword-test',
          language: 'en' as const,
          supported: true,
        };
      }),
    );
  },
};
