/**
 * Labels for re-scoring without calling the encoder when it can be avoided: each distinct prompt
 * (exact text, hashed) is looked up in a bounded in-process LRU, then in a Redis hash shared by
 * every worker (per head version, so a new model never reads an old model's labels), and only
 * the prompts found in neither go to the classifier, in micro-batches. Keys are the exact text:
 * which variant of a template a worker happens to see first never changes a label.
 *
 * Worker processes share the work through claims: before classifying a prompt a worker sets
 * `<redisKey>:claim:<hash>` (NX, with a TTL); a prompt another worker has claimed is waited for
 * in the shared hash instead of being classified twice, and taken over if its claim disappears
 * without a label (that worker died or failed). Labels do not depend on which worker computes
 * them (encoder vectors are bit-identical across processes), so outputs do not either.
 */
import type { Redis } from 'ioredis';
import type { PromptClassification, PromptClassifier } from '../../models/prompt-classifier.js';
import { classifyWithPrescreen } from '../../models/prescreened.js';
import { hashId } from '../aggregate/prompt-signals.js';
import { CLASSES, type PromptClass } from '../../labels.js';
import { Lru } from '../../util/lru.js';

export interface LabelLookupStats {
  lookups: number;
  lruHits: number;
  redisHits: number;
  classified: number;
  /** Of the classified prompts, those the lexical pre-screen cleared. */
  prescreened: number;
  /** Prompts another worker process was classifying: waited for, not classified here. */
  claimWaits: number;
}

export interface PromptLabeler {
  label(prompts: readonly string[]): Promise<{ labels: PromptClass[]; stats: LabelLookupStats }>;
}

export interface PromptLabelerOptions {
  classifier: () => Promise<PromptClassifier>;
  /** Shared cache; absent: only the LRU. */
  redis?: Redis;
  /** Redis hash holding `prompt hash → label index` for one head version. */
  redisKey?: string;
  /** Entries kept in the in-process LRU. */
  lruSize?: number;
  /** Prompts per classifier call (large: with exact-length batching, same-length prompts share a graph run). */
  batchSize?: number;
  /** false: no cache at all, every prompt is classified (to measure what the cache saves). */
  cache?: boolean;
  /** Clear prompts the model's lexical pre-screen finds clearly benign without the encoder. */
  prescreen?: boolean;
  /** How often a worker looks for labels another worker has claimed (ms). */
  claimPollMs?: number;
  /** How long a claim lives without renewal (default CLAIM_TTL_S). */
  claimTtlS?: number;
}

/** A claim outlives any micro-batch by far; it only matters when its worker dies mid-batch. */
export const CLAIM_TTL_S = 120;

/** How long the shared label cache of a head version lives after its last write. */
export const LABEL_CACHE_TTL_S = 30 * 86_400;

export function createPromptLabeler(opts: PromptLabelerOptions): PromptLabeler {
  const lru = new Lru<string, PromptClass>(opts.cache === false ? 0 : (opts.lruSize ?? 100_000));
  const batchSize = opts.batchSize ?? 256;
  const useRedis = opts.cache !== false && opts.redis !== undefined && opts.redisKey !== undefined;

  /** Labels in input order; `stats.prescreened` counts the prompts the pre-screen cleared. */
  const classify = async (prompts: readonly string[], stats: LabelLookupStats): Promise<PromptClass[]> => {
    const classifier = await opts.classifier();
    const batched = async (todo: readonly string[]): Promise<PromptClassification[]> => {
      const out: PromptClassification[] = [];
      for (let i = 0; i < todo.length; i += batchSize)
        out.push(...(await classifier.classify(todo.slice(i, i + batchSize))));
      return out;
    };
    const results =
      opts.prescreen === true ? await classifyWithPrescreen(classifier, batched, prompts) : await batched(prompts);
    for (const r of results) if (r.prescreened === true) stats.prescreened += 1;
    return results.map((r) => r.label);
  };

  /** Prompts being classified by another call in this process: waited for, not classified twice. */
  const inflight = new Map<string, Promise<PromptClass>>();
  const claimKey = (k: string): string => `${opts.redisKey!}:claim:${k}`;
  const pollMs = opts.claimPollMs ?? 50;
  const claimTtlS = opts.claimTtlS ?? CLAIM_TTL_S;
  /** Looks prompts up in the shared hash: labels found go to `found` and the LRU; returns the misses. */
  const fromShared = async (list: [string, string][], found: Map<string, PromptClass>): Promise<[string, string][]> => {
    const values = await opts.redis!.hmget(opts.redisKey!, ...list.map(([k]) => k));
    const misses: [string, string][] = [];
    list.forEach(([k, p], j) => {
      const label = CLASSES[Number(values[j] ?? -1)];
      if (values[j] !== null && label !== undefined) {
        found.set(k, label);
        lru.set(k, label);
      } else misses.push([k, p]);
    });
    return misses;
  };
  /**
   * Claims prompts for this worker (SET NX): `mine` to classify here, `theirs` held elsewhere.
   * The shared hash is read again in the same transaction: a prompt another worker labelled
   * (and released) since this worker's lookup goes to `found`, so it is never classified twice.
   */
  const claim = async (
    list: [string, string][],
    found: Map<string, PromptClass>,
  ): Promise<{ mine: [string, string][]; theirs: [string, string][]; labelled: number }> => {
    const multi = opts.redis!.multi();
    for (const [k] of list) multi.set(claimKey(k), '1', 'EX', claimTtlS, 'NX');
    multi.hmget(opts.redisKey!, ...list.map(([k]) => k));
    const res = (await multi.exec()) ?? [];
    const values = (res[list.length]?.[1] ?? []) as (string | null)[];
    const mine: [string, string][] = [];
    const theirs: [string, string][] = [];
    const release: string[] = [];
    list.forEach((item, j) => {
      const label = values[j] === null || values[j] === undefined ? undefined : CLASSES[Number(values[j])];
      const claimed = res[j]?.[1] === 'OK';
      if (label !== undefined) {
        found.set(item[0], label);
        lru.set(item[0], label);
        if (claimed) release.push(claimKey(item[0]));
      } else (claimed ? mine : theirs).push(item);
    });
    if (release.length > 0) await opts.redis!.del(...release);
    return { mine, theirs, labelled: list.length - mine.length - theirs.length };
  };

  return {
    async label(prompts) {
      const stats: LabelLookupStats = {
        lookups: prompts.length,
        lruHits: 0,
        redisHits: 0,
        classified: 0,
        prescreened: 0,
        claimWaits: 0,
      };
      if (opts.cache === false) {
        const labels = await classify(prompts, stats);
        stats.classified = prompts.length;
        return { labels, stats };
      }
      const keys = prompts.map((p) => hashId(p));
      const found = new Map<string, PromptClass>();
      const waiting = new Map<string, Promise<PromptClass>>();
      const missing = new Map<string, string>();
      keys.forEach((k, i) => {
        if (found.has(k) || waiting.has(k) || missing.has(k)) {
          if (!missing.has(k)) stats.lruHits += 1;
          return;
        }
        const hit = lru.get(k);
        const pending = inflight.get(k);
        if (hit !== undefined) {
          found.set(k, hit);
          stats.lruHits += 1;
        } else if (pending !== undefined) {
          waiting.set(k, pending);
          stats.lruHits += 1;
        } else missing.set(k, prompts[i]!);
      });
      let todo = [...missing.entries()];
      if (useRedis && todo.length > 0) {
        const misses = await fromShared(todo, found);
        stats.redisHits += todo.length - misses.length;
        todo = [];
        for (const [k, p] of misses) {
          if (inflight.has(k)) {
            waiting.set(k, inflight.get(k)!);
            stats.lruHits += 1;
          } else todo.push([k, p]);
        }
      }
      // Prompts another worker process has claimed: their labels will appear in the shared hash.
      let claimedElsewhere: [string, string][] = [];
      if (useRedis && todo.length > 0) {
        const { mine, theirs, labelled } = await claim(todo, found);
        todo = mine;
        claimedElsewhere = theirs;
        stats.redisHits += labelled;
        stats.claimWaits += theirs.length;
      }
      const classifyOwn = async (own: [string, string][]): Promise<void> => {
        const settle = new Map<string, { resolve(l: PromptClass): void; reject(e: unknown): void }>();
        for (const [k] of own) {
          const p = new Promise<PromptClass>((resolve, reject) => settle.set(k, { resolve, reject }));
          p.catch(() => undefined);
          inflight.set(k, p);
        }
        try {
          for (let i = 0; i < own.length; i += batchSize) {
            const part = own.slice(i, i + batchSize);
            // The claims still held are renewed before each batch: on a starved machine the
            // batches before them may outlast the claim TTL, and an expired claim looks like a
            // dead worker's, whose prompts another worker would classify again.
            if (useRedis && i > 0) {
              const renew = opts.redis!.pipeline();
              for (const [k] of own.slice(i)) renew.expire(claimKey(k), claimTtlS);
              await renew.exec();
            }
            const labels = await classify(
              part.map(([, p]) => p),
              stats,
            );
            const fields: string[] = [];
            part.forEach(([k], j) => {
              found.set(k, labels[j]!);
              lru.set(k, labels[j]!);
              fields.push(k, String(CLASSES.indexOf(labels[j]!)));
              settle.get(k)!.resolve(labels[j]!);
              inflight.delete(k);
            });
            stats.classified += part.length;
            if (useRedis) {
              await opts
                .redis!.multi()
                .hset(opts.redisKey!, ...fields)
                .expire(opts.redisKey!, LABEL_CACHE_TTL_S)
                .del(...part.map(([k]) => claimKey(k)))
                .exec();
            }
          }
        } catch (err) {
          for (const [k] of own) {
            if (inflight.has(k)) {
              settle.get(k)!.reject(err);
              inflight.delete(k);
            }
          }
          if (useRedis) await opts.redis!.del(...own.map(([k]) => claimKey(k))).catch(() => undefined);
          throw err;
        }
      };
      if (todo.length > 0) await classifyOwn(todo);
      while (claimedElsewhere.length > 0) {
        await new Promise((r) => setTimeout(r, pollMs));
        const next = await fromShared(claimedElsewhere, found);
        if (next.length === 0) break;
        // A claim gone without a label: its worker failed or died. Claim those prompts here.
        const multi = opts.redis!.multi();
        for (const [k] of next) multi.exists(claimKey(k));
        const held = (await multi.exec()) ?? [];
        const orphaned = next.filter((_, j) => held[j]?.[1] !== 1);
        claimedElsewhere = next.filter((_, j) => held[j]?.[1] === 1);
        if (orphaned.length > 0) {
          const { mine, theirs, labelled } = await claim(orphaned, found);
          stats.redisHits += labelled;
          claimedElsewhere.push(...theirs);
          if (mine.length > 0) await classifyOwn(mine);
        }
      }
      for (const [k, p] of waiting) found.set(k, await p);
      const labels = keys.map((k) => found.get(k)!);
      return { labels, stats };
    },
  };
}
