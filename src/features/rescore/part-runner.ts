/**
 * Runs one part job: reads the part's lines from Redis, processes them and commits the result,
 * the done mark and the removal of the input in one MULTI. A retried part (its worker died, or
 * the job ran twice) either finds its result already committed or writes the identical bytes
 * again; the merge reads each part once, so nothing is counted twice.
 */
import type { Redis } from 'ioredis';
import type { RescorePartJob } from '../../contracts/rescore.js';
import type { PromptClassifier } from '../../models/prompt-classifier.js';
import { encodePartResult } from './part-result.js';
import { createPartScorer } from './score-part.js';
import { createPromptLabeler } from '../classify/prompt-labeler.js';
import { RUN_TTL_S, labelCacheKey, runKeys } from './run-keys.js';

export interface PartRunnerDeps {
  redis: Redis;
  prefix: string;
  /** The classifier of a head version (loaded on first use; never called when every line carries labels). */
  classifierFor: (version: string) => Promise<PromptClassifier>;
  maxPromptChars: number;
  batchSize?: number;
  lruSize?: number;
}

export function createPartRunner(
  deps: PartRunnerDeps,
): (job: RescorePartJob) => Promise<'committed' | 'already_committed'> {
  const scorers = new Map<string, ReturnType<typeof createPartScorer>>();
  const scorerFor = (job: RescorePartJob) => {
    const key = `${job.model}|${job.lineLabels}|${job.cache}|${job.prescreen}`;
    let p = scorers.get(key);
    if (p === undefined) {
      const labeler = createPromptLabeler({
        classifier: () => deps.classifierFor(job.model),
        redis: deps.redis,
        // Labels with and without the pre-screen may differ: each mode has its own cache.
        redisKey: labelCacheKey(deps.prefix, job.prescreen ? job.model : `${job.model}+full`),
        cache: job.cache,
        prescreen: job.prescreen,
        ...(deps.batchSize !== undefined ? { batchSize: deps.batchSize } : {}),
        ...(deps.lruSize !== undefined ? { lruSize: deps.lruSize } : {}),
      });
      p = createPartScorer({ labeler, maxPromptChars: deps.maxPromptChars, lineLabels: job.lineLabels });
      scorers.set(key, p);
    }
    return p;
  };

  return async (job) => {
    const keys = runKeys(deps.prefix, job.run);
    const text = await deps.redis.get(keys.input(job.index));
    if (text === null) {
      if ((await deps.redis.exists(keys.output(job.index))) === 1) return 'already_committed';
      throw new Error(`input of chunk ${job.index} of run ${job.run} is gone (expired or the run was deleted)`);
    }
    const result = await scorerFor(job)({
      index: job.index,
      firstLine: job.firstLine,
      lines: text.split('\n'),
      bytes: job.bytes,
    });
    await deps.redis
      .multi()
      .set(keys.output(job.index), encodePartResult(result), 'EX', RUN_TTL_S)
      .sadd(keys.done, job.index)
      .expire(keys.done, RUN_TTL_S)
      .del(keys.input(job.index))
      .exec();
    return 'committed';
  };
}
