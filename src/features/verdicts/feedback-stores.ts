/** The analyst-feedback stores on one Redis and key prefix (the account pipeline's). */
import type { Redis } from 'ioredis';
import { PromptSamples } from './prompt-samples.js';
import { RelabelStore } from './relabel-store.js';
import { VerdictStore } from './verdict-store.js';

export interface FeedbackStores {
  verdicts: VerdictStore;
  relabels: RelabelStore;
  samples: PromptSamples;
}

export function createFeedbackStores(redis: Redis, prefix: string, now: () => number = Date.now): FeedbackStores {
  const samples = new PromptSamples(redis, prefix);
  return {
    samples,
    verdicts: new VerdictStore(redis, prefix, samples, now),
    relabels: new RelabelStore(redis, prefix, samples, now),
  };
}
