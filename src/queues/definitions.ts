/** Queue names of the account pipeline (BullMQ keys live under the configured prefix). */
export const EVENTS_QUEUE = 'account-events';
export const SCORE_QUEUE = 'account-score';

/** Default options of labelled-event jobs: retried with backoff, removed once applied. */
export const EVENT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 200 },
  removeOnComplete: true,
  removeOnFail: { count: 10_000 },
} as const;
