import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { PromptClassifier } from '../../models/prompt-classifier.js';
import type { Route } from './route.js';

const Check = z.object({ ok: z.boolean(), detail: z.string().optional() });

export const HealthResponse = z.object({ status: z.literal('ok') }).meta({ title: 'HealthResponse' });
export const ReadyResponse = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({ model: Check, redis: Check, lifecycle: Check, spool: Check.optional() }),
  })
  .meta({ title: 'ReadyResponse' });

/** `GET /healthz`: the process is up and serving HTTP. */
export function healthRoute(): Route {
  return {
    access: 'public',
    spec: {
      method: 'get',
      path: '/healthz',
      operationId: 'healthz',
      summary: 'Liveness: the process is up.',
      tags: ['ops'],
      responses: { 200: { description: 'Up.', name: 'HealthResponse', schema: HealthResponse } },
    },
    handler: (_req, res) => {
      res.json({ status: 'ok' });
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface ReadyDeps {
  classifier: PromptClassifier | undefined;
  redis: Redis | undefined;
  state: { draining: boolean };
  timeoutMs: number;
  /**
   * The event spool: while it has room the service stays ready through a Redis outage (events
   * are spooled and replayed later), and the check's detail says how full it is.
   */
  spool?: () => { events: number; bytes: number; maxBytes: number; full: boolean };
}

/** `GET /readyz`: model loaded and Redis answering PING; 503 names the failing check. */
export function readyRoute(deps: ReadyDeps): Route {
  return {
    access: 'public',
    spec: {
      method: 'get',
      path: '/readyz',
      operationId: 'readyz',
      summary: 'Readiness: model loaded, and Redis answers PING or the event spool has room.',
      tags: ['ops'],
      responses: {
        200: { description: 'Ready.', name: 'ReadyResponse', schema: ReadyResponse },
        503: { description: 'A check failed; see `checks`.', name: 'ReadyResponse', schema: ReadyResponse },
      },
    },
    handler: async (_req, res) => {
      const model =
        deps.classifier !== undefined
          ? { ok: true, detail: deps.classifier.version }
          : { ok: false, detail: 'model not loaded' };
      let redis: z.infer<typeof Check>;
      if (deps.redis === undefined) redis = { ok: true, detail: 'not configured' };
      else {
        try {
          const pong = await withTimeout(deps.redis.ping(), deps.timeoutMs, 'Redis PING');
          redis = pong === 'PONG' ? { ok: true } : { ok: false, detail: `unexpected reply ${pong}` };
        } catch (err) {
          redis = { ok: false, detail: err instanceof Error ? err.message : String(err) };
        }
      }
      const lifecycle = deps.state.draining ? { ok: false, detail: 'shutting down' } : { ok: true };
      let spool: z.infer<typeof Check> | undefined;
      if (deps.spool !== undefined) {
        const s = deps.spool();
        const pct = Math.round((s.bytes / s.maxBytes) * 1000) / 10;
        spool = {
          ok: !s.full,
          detail: `${s.full ? 'FULL: dropping events; ' : ''}${s.events} events, ${s.bytes} bytes (${pct}% of ${s.maxBytes})`,
        };
      }
      const ready = model.ok && lifecycle.ok && (redis.ok || spool?.ok === true);
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'not_ready',
        checks: { model, redis, lifecycle, ...(spool !== undefined ? { spool } : {}) },
      });
    },
  };
}
