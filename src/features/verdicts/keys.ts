/**
 * Redis layout of analyst feedback, under the account pipeline's prefix (account ids enter keys
 * only as hashes, as in features/aggregate/redis-keys.ts):
 *
 *   p:acct:{h}:samples:{label}     list, newest first: the latest prompt samples of that label (TTL as the account state)
 *   p:acct:{h}:verdicts            list, newest first: every verdict on the account (kept)
 *   p:verdicts:accounts            hash: account hash → account id, for every account with a verdict
 *   p:relabels                     list, oldest first: every prompt relabel (kept)
 *
 * `{h}` is the account's Redis Cluster hash tag, as for its other keys.
 */
import type { PromptClass } from '../../labels.js';
import { accountHash } from '../aggregate/redis-keys.js';
import { hashTag } from '../../redis/key-slot.js';

export interface FeedbackKeys {
  samples(accountId: string, label: PromptClass): string;
  verdicts(accountId: string): string;
  verdictAccounts: string;
  relabels: string;
}

export function feedbackKeys(prefix: string): FeedbackKeys {
  return {
    samples: (accountId, label) => `${prefix}:acct:${hashTag(accountHash(accountId))}:samples:${label}`,
    verdicts: (accountId) => `${prefix}:acct:${hashTag(accountHash(accountId))}:verdicts`,
    verdictAccounts: `${prefix}:verdicts:accounts`,
    relabels: `${prefix}:relabels`,
  };
}
