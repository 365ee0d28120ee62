/**
 * Per-key rate limits: a token bucket per key id, refilled at the role's rate with a burst of two
 * seconds' worth. Over the limit → 429 `rate_limited` with `Retry-After`. Requests of the
 * anonymous caller (service running without keys, loopback only) are not limited.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import type { Role } from '../../features/auth/api-keys.js';
import type { ServiceMetrics } from '../../features/metrics/service-metrics.js';
import { callerOfResponse } from '../caller.js';

export type RateLimits = Record<Role, number>;

interface Bucket {
  tokens: number;
  updated: number;
}

export interface RateLimiter {
  /** Takes one token for `keyId`; returns 0 when allowed, else the seconds until a token is free. */
  take(keyId: string, role: Role): number;
}

export function createRateLimiter(limits: RateLimits, now: () => number = () => performance.now()): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    take(keyId, role) {
      const rate = limits[role];
      if (rate <= 0) return 0;
      const capacity = Math.max(1, rate * 2);
      const t = now();
      let bucket = buckets.get(keyId);
      if (bucket === undefined) {
        bucket = { tokens: capacity, updated: t };
        buckets.set(keyId, bucket);
      }
      bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.updated) / 1000) * rate);
      bucket.updated = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    },
  };
}

export function rateLimit(limiter: RateLimiter, metrics?: ServiceMetrics): RequestHandler {
  return (_req, res, next) => {
    const caller = callerOfResponse(res);
    if (caller === undefined || caller.keyId === 'anonymous') {
      next();
      return;
    }
    const retryAfter = limiter.take(caller.keyId, caller.role);
    if (retryAfter === 0) {
      next();
      return;
    }
    metrics?.rateLimited.inc({ key_id: caller.keyId });
    res.setHeader('retry-after', String(retryAfter));
    next(new AppError(429, 'rate_limited', `Rate limit of this key exceeded; retry in ${retryAfter} s.`));
  };
}
