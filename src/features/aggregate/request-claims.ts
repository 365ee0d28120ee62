/**
 * Request ids are claimed with the digest of their event's content before the event is
 * accepted: `{p}:reqd:{request hash}` holds the digest for a little longer than the dedup window.
 * The same request sent again (same content) passes and is counted once downstream; a request id
 * reused with different content is a conflict, so the API can refuse it (409) instead of the
 * worker dropping it as a duplicate. A call that is refused releases the claims it made itself.
 *
 * Single-key commands only (no multi-key script), each within the request-path deadline. When
 * Redis does not answer in time the check is skipped and the call proceeds: the gateway always
 * gets its answer, and the worker's per-request marker still counts a request id once.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { GatewayEvent } from '../../contracts/events.js';
import { withDeadline } from '../spool/with-deadline.js';
import { requestHash } from './redis-keys.js';

export type ClaimOutcome =
  /** Every request id is new or was seen with the same content. */
  | { status: 'ok' }
  /** These input positions reuse a request id with different content; nothing was claimed. */
  | { status: 'conflict'; conflicts: number[] }
  /** Redis did not answer in time; nothing was checked. */
  | { status: 'unchecked'; error: unknown };

export interface RequestClaims {
  claim(events: readonly GatewayEvent[]): Promise<ClaimOutcome>;
}

/** The content a request id stands for: everything of the event but the id (the time as an instant). */
export function eventDigest(e: GatewayEvent): string {
  const content = [
    e.account_id,
    Date.parse(e.timestamp),
    e.prompt,
    e.metadata.ip,
    e.metadata.payment_fingerprint,
    e.metadata.user_agent,
    e.metadata.org_id ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}

export const claimKey = (prefix: string, requestId: string): string => `${prefix}:reqd:${requestHash(requestId)}`;

export function createRequestClaims(opts: {
  redis: Redis;
  prefix: string;
  /** How long a claim is kept; at least the dedup window of the account workers. */
  ttlMs: number;
  timeoutMs: number;
}): RequestClaims {
  const { redis } = opts;
  const claimAll = async (events: readonly GatewayEvent[]): Promise<ClaimOutcome> => {
    const keys = events.map((e) => claimKey(opts.prefix, e.request_id));
    const digests = events.map(eventDigest);
    // SET NX GET: claims a new id and returns nothing, or returns the digest already held.
    const held = await Promise.all(
      keys.map((k, i) => redis.set(k, digests[i]!, 'PX', opts.ttlMs, 'NX', 'GET') as Promise<string | null>),
    );
    const conflicts: number[] = [];
    held.forEach((h, i) => {
      if (h !== null && h !== digests[i]) conflicts.push(i);
    });
    if (conflicts.length === 0) return { status: 'ok' };
    // Refused as a whole: release what this call claimed (the ids it saw first).
    const mine = [...new Set(keys.filter((_, i) => held[i] === null))];
    if (mine.length > 0) await Promise.all(mine.map((k) => redis.del(k)));
    return { status: 'conflict', conflicts };
  };
  return {
    async claim(events) {
      if (events.length === 0) return { status: 'ok' };
      try {
        return await withDeadline(claimAll(events), opts.timeoutMs, 'request id check');
      } catch (error) {
        return { status: 'unchecked', error };
      }
    },
  };
}
