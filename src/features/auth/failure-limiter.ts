/**
 * Failed authentications (a presented key that is not valid) per source address: a token bucket
 * of `perMinute` failures, refilled at `perMinute` a minute. While an address has no token left,
 * its requests that present a key are refused without checking the key, so guessing keys is
 * bounded per address whatever the answers. Requests without a key are not counted. Addresses
 * whose bucket is full again are forgotten; at most `maxAddresses` are tracked (oldest dropped).
 */
export interface AuthFailureLimiter {
  /** Seconds until `address` may try a key again; 0 when it may now. */
  retryAfter(address: string): number;
  /** Records a failed authentication from `address`. */
  fail(address: string): void;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export function createAuthFailureLimiter(opts: {
  perMinute: number;
  maxAddresses?: number;
  now?: () => number;
}): AuthFailureLimiter {
  const now = opts.now ?? (() => performance.now());
  const capacity = opts.perMinute;
  const ratePerMs = opts.perMinute / 60_000;
  const maxAddresses = opts.maxAddresses ?? 100_000;
  const buckets = new Map<string, Bucket>();
  const refill = (address: string): Bucket | undefined => {
    const b = buckets.get(address);
    if (b === undefined) return undefined;
    const t = now();
    b.tokens = Math.min(capacity, b.tokens + (t - b.updated) * ratePerMs);
    b.updated = t;
    if (b.tokens >= capacity) {
      buckets.delete(address);
      return undefined;
    }
    return b;
  };
  return {
    retryAfter(address) {
      if (capacity <= 0) return 0;
      const b = refill(address);
      if (b === undefined || b.tokens >= 1) return 0;
      return Math.max(1, Math.ceil((1 - b.tokens) / ratePerMs / 1000));
    },
    fail(address) {
      if (capacity <= 0) return;
      const b = refill(address) ?? { tokens: capacity, updated: now() };
      b.tokens = Math.max(0, b.tokens - 1);
      buckets.delete(address);
      buckets.set(address, b);
      if (buckets.size > maxAddresses) buckets.delete(buckets.keys().next().value as string);
    },
  };
}
