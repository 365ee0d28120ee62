/**
 * Every route of the app × every caller (no key, a bad key, each role): generated from the route
 * registry the app was built with, so a route added later is covered without editing this test.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/client/index.js';
import { ROLES, type Role } from '../src/features/auth/api-keys.js';
import { roleAllows } from '../src/http/middleware/auth.js';
import { routesOf } from '../src/http/mount-routes.js';
import { createLogger } from '../src/logger.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { bearer, makeKeys, randomKey, startTestService, type TestService } from './helpers/reliability.js';

const logger = createLogger('silent');
const keys = makeKeys();
let redis: Redis;
let prefix: string;
let service: TestService;

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('authz');
  service = await startTestService({
    redisUrl: REDIS_URL,
    redis,
    prefix,
    classifier: keywordClassifier,
    logger,
    env: { DISTILL_GUARD_API_KEYS: keys.list },
  });
});

afterAll(async () => {
  await service.close();
  await cleanup(redis, prefix);
  await redis.quit();
});

type CallerCase = { name: string; headers: Record<string, string>; role?: Role };
const callers = (): CallerCase[] => [
  { name: 'no key', headers: {} },
  { name: 'bad key', headers: bearer(randomKey()) },
  { name: 'malformed header', headers: { authorization: 'Basic Zm9vOmJhcg==' } },
  ...ROLES.map((role) => ({ name: role, headers: bearer(keys[role]), role })),
  // The same keys through the alternative header.
  ...ROLES.map((role) => ({ name: `${role} (x-api-key)`, headers: { 'x-api-key': keys[role] }, role })),
];

describe('auth matrix', () => {
  it('the registry holds every mounted route, and the matrix is not empty', () => {
    const routes = routesOf(service.app);
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const accesses = new Set(routes.map((r) => r.access));
    for (const a of ['public', 'gateway', 'analyst', 'admin'] as const) expect(accesses.has(a)).toBe(true);
    // Every express route layer comes from the registry (nothing mounted around the guards).
    const stack = (service.app as unknown as { router: { stack: { route?: { path: string } }[] } }).router.stack;
    const mounted = stack.filter((l) => l.route !== undefined).map((l) => l.route!.path);
    const registered = new Set(routes.map((r) => r.spec.path));
    for (const p of mounted) expect(registered.has(p), `${p} is mounted outside the route registry`).toBe(true);
  });

  it('every route × every caller: 401 without a valid key, 403 for the wrong role, through otherwise', async () => {
    const rows: string[] = [];
    let checked = 0;
    for (const route of routesOf(service.app)) {
      const url = `${service.server.url}${route.spec.path.replace(/:(\w+)/g, 'x')}`;
      for (const caller of callers()) {
        const res = await fetch(url, {
          method: route.spec.method.toUpperCase(),
          headers: {
            ...caller.headers,
            ...(route.spec.method === 'get' ? {} : { 'content-type': 'application/json' }),
          },
          ...(route.spec.method === 'get' ? {} : { body: '{}' }),
        });
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
        const where = `${route.spec.method.toUpperCase()} ${route.spec.path} as ${caller.name} → ${res.status} ${body.error?.code ?? ''}`;
        rows.push(where);
        checked++;
        if (route.access === 'public') {
          expect([401, 403], where).not.toContain(res.status);
        } else if (caller.role === undefined) {
          expect(res.status, where).toBe(401);
          expect(body.error?.code, where).toBe(caller.name === 'bad key' ? 'invalid_api_key' : 'missing_api_key');
          expect(res.headers.get('www-authenticate'), where).toContain('Bearer');
        } else if (roleAllows(caller.role, route.access)) {
          expect([401, 403], where).not.toContain(res.status);
          expect(res.status, where).toBeLessThan(500);
        } else {
          expect(res.status, where).toBe(403);
          expect(body.error?.code, where).toBe('forbidden');
        }
      }
    }
    expect(checked).toBe(routesOf(service.app).length * callers().length);
    // The role split the product promises, spelled out for the routes that exist today.
    const accessOf = (path: string) => routesOf(service.app).find((r) => r.spec.path === path)?.access;
    expect(accessOf('/v1/classify')).toBe('gateway');
    expect(accessOf('/v1/moderations')).toBe('gateway');
    expect(accessOf('/v1/events')).toBe('gateway');
    expect(accessOf('/v1/accounts')).toBe('analyst');
    expect(accessOf('/v1/accounts/:id')).toBe('analyst');
    expect(accessOf('/v1/dead-letters')).toBe('admin');
    expect(accessOf('/healthz')).toBe('public');
  });

  it('nothing was enqueued by the matrix calls (empty event bodies are rejected before the queue)', async () => {
    const depths = await service.pipeline.queueDepths();
    expect(depths['account-events']?.waiting ?? 0).toBe(0);
    expect(service.pipeline.spool().events).toBe(0);
  });

  it('the Node client sends its key; without one the call fails open with the 401', async () => {
    const event = {
      request_id: 'client-1',
      account_id: 'acct-client',
      timestamp: new Date().toISOString(),
      prompt: 'How do tides work?',
      metadata: { ip: '203.0.113.1', payment_fingerprint: 'fp', user_agent: 'ua' },
    };
    const withKey = await createClient({
      baseUrl: service.server.url,
      timeoutMs: 2000,
      apiKey: keys.gateway,
    }).reportEvent(event);
    expect(withKey.ok).toBe(true);
    const without = await createClient({ baseUrl: service.server.url, timeoutMs: 2000 }).reportEvent(event);
    expect(without).toMatchObject({ ok: false, failOpen: true, reason: 'http', status: 401, code: 'missing_api_key' });
    const analyst = await createClient({
      baseUrl: service.server.url,
      timeoutMs: 2000,
      apiKey: keys.analyst,
    }).getAccount('acct-client');
    expect(analyst.ok).toBe(true);
  });
});
