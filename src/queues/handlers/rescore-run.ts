/**
 * The rescore runs queue's handler. A run is a job whose handler coordinates it (reads the input,
 * queues its parts, merges, writes the output). A run job whose process died is picked up again
 * by BullMQ and resumes from its committed parts under the same run id.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RescoreRunJob } from '../../contracts/rescore.js';
import { isAppError } from '../../errors.js';
import type { AccountModel } from '../../features/aggregate/account-model.js';
import { writeRescoreLines } from '../../features/rescore/output-file.js';
import { runRescore, type PartQueue } from '../../features/rescore/run-rescore.js';
import type { Logger } from '../../logger.js';

export function createRescoreRunHandler(deps: {
  redis: Redis;
  prefix: string;
  parts: PartQueue;
  accountModel: AccountModel;
  logger: Logger;
  dedupWindowMs: number;
}): (data: RescoreRunJob, job: Job) => Promise<unknown> {
  return async (data, job) => {
    try {
      const result = await runRescore(
        { redis: deps.redis, prefix: deps.prefix, queue: deps.parts, accountModel: deps.accountModel },
        {
          runId: job.id!,
          input: data.input,
          outputName: data.output,
          write: (lines) => writeRescoreLines(data.output, lines, data.root),
          ...(data.clusters !== undefined ? { clusters: data.clusters } : {}),
          ...(data.root !== undefined ? { root: data.root } : {}),
          model: data.model,
          lineLabels: data.lineLabels,
          prescreen: data.prescreen,
          dedupWindowMs: deps.dedupWindowMs,
          resume: true,
        },
      );
      deps.logger.info({ run: job.id, ...result.summary }, 'rescore run completed');
      return result.summary;
    } catch (err) {
      // Bad input will not get better on a retry.
      if (isAppError(err) && err.status < 500) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}
