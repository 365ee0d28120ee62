import type { Job } from 'bullmq';
import { RescoreChunkJob } from '../../contracts/rescore.js';
import { invalidRequest, issuesToDetails } from '../../errors.js';

/** Validates a chunk job and hands it to the chunk runner. */
export function createRescoreChunkProcessor(
  run: (job: RescoreChunkJob) => Promise<unknown>,
): (job: Job) => Promise<void> {
  return async (job) => {
    const parsed = RescoreChunkJob.safeParse(job.data);
    if (!parsed.success) throw invalidRequest('Malformed rescore chunk job.', issuesToDetails(parsed.error.issues));
    await run(parsed.data);
  };
}
