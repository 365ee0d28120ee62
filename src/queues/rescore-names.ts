/** Queue names of batch re-scoring (BullMQ keys live under `<ACCOUNT_PREFIX>:bull`). */
export const RESCORE_CHUNK_QUEUE = 'rescore-chunks';
export const RESCORE_RUN_QUEUE = 'rescore-runs';

/** Chunk jobs: retried with backoff (a worker that dies mid-chunk loses nothing), kept a while when failed. */
export const CHUNK_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86_400 },
} as const;
