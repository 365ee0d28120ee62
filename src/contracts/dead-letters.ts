import { z } from 'zod';

/** A job that failed for good, as recorded in the dead-letter queue. */
export const DeadLetter = z
  .object({
    id: z.string().describe('Dead-letter id: `<queue>--<job id>`.'),
    queue: z.string().describe('The queue the job failed on.'),
    job_id: z.string(),
    name: z.string(),
    data: z.unknown().describe('The job payload (labelled event: no prompt text).'),
    error: z.string().describe('The last error.'),
    attempts: z.number().int().nonnegative(),
    failed_at: z.string(),
  })
  .meta({ title: 'DeadLetter' });
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterList = z
  .object({ total: z.number().int().nonnegative(), dead_letters: z.array(DeadLetter) })
  .meta({ title: 'DeadLetterList' });
export type DeadLetterList = z.infer<typeof DeadLetterList>;

export const DeadLetterQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
