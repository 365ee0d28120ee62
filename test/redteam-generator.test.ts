import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generate, main } from '../training/redteam/generate.js';
import { FAMILIES } from '../training/redteam/registry.js';
import { BOUNDS } from '../training/redteam/lib/campaign-params.js';
import type { GatewayEvent, Truth } from '../training/redteam/lib/types.js';

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const iso = z.string().regex(ISO_Z);

const EventSchema = z.strictObject({
  request_id: z.string().min(1),
  account_id: z.string().min(1),
  timestamp: iso,
  prompt: z.string().min(1),
  metadata: z.strictObject({
    ip: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/),
    payment_fingerprint: z.string().min(1),
    user_agent: z.string().min(1),
    org_id: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    access_path: z.enum(['direct', 'cloud-a', 'cloud-b']).optional(),
    account_created_at: iso.optional(),
    signup_path: z.enum(['standard', 'education', 'research_program', 'startup', 'enterprise']).optional(),
  }),
});

const STRATEGIES = ['shared', 'rotated', 'per_account', 'mixed'];
const TIMINGS = ['human', 'lockstep', 'bursty', 'low_and_slow'];
const SCALE = 0.3;
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function cliRun(seed: number): Promise<{ history: Buffer; truth: Buffer }> {
  const out = mkdtempSync(join(tmpdir(), 'redteam-'));
  dirs.push(out);
  await main(['--seed', String(seed), '--out', out, '--scale', String(SCALE), '--quiet']);
  return { history: readFileSync(join(out, 'history.jsonl')), truth: readFileSync(join(out, 'truth.json')) };
}

describe('redteam generator', () => {
  it('is deterministic: same seed and arguments give byte-identical files', async () => {
    const a = await cliRun(7);
    const b = await cliRun(7);
    expect(a.history.equals(b.history)).toBe(true);
    expect(a.truth.equals(b.truth)).toBe(true);
    const c = await generate({ seed: 8, scale: SCALE });
    expect(c.events.map((e) => JSON.stringify(e)).join('\n') + '\n').not.toBe(a.history.toString('utf8'));
  }, 180_000);

  it('produces valid, unique, sorted events and a complete truth file', async () => {
    const { events, truth } = await generate({ seed: 3, scale: SCALE });
    checkEvents(events, truth);
    checkTruth(truth);
  }, 120_000);

  it('default scale gives 30k-80k events and 1,000-3,000 accounts', async () => {
    const { events, truth } = await generate({ seed: 1 });
    expect(events.length).toBeGreaterThanOrEqual(30_000);
    expect(events.length).toBeLessThanOrEqual(80_000);
    const n = Object.keys(truth.accounts).length;
    expect(n).toBeGreaterThanOrEqual(1_000);
    expect(n).toBeLessThanOrEqual(3_000);
    checkTruth(truth);
  }, 180_000);
});

function checkEvents(events: GatewayEvent[], truth: Truth): void {
  const ids = new Set<string>();
  const start = Date.parse(truth.window.start);
  const end = Date.parse(truth.window.end);
  const attrs = new Map<string, string>();
  let last = -Infinity;
  for (const e of events) {
    const parsed = EventSchema.safeParse(e);
    if (!parsed.success) throw new Error(`invalid event ${JSON.stringify(e).slice(0, 300)}: ${parsed.error.message}`);
    expect(ids.has(e.request_id)).toBe(false);
    ids.add(e.request_id);
    const t = Date.parse(e.timestamp);
    expect(t).toBeGreaterThanOrEqual(last);
    expect(t >= start && t < end).toBe(true);
    last = t;
    expect(truth.accounts[e.account_id]).toBeDefined();
    for (const k of ['account_created_at', 'signup_path'] as const) {
      const v = e.metadata[k];
      if (v === undefined) continue;
      const key = `${e.account_id}/${k}`;
      if (attrs.has(key)) expect(attrs.get(key)).toBe(v);
      else attrs.set(key, v);
    }
  }
}

function checkTruth(truth: Truth): void {
  const kinds = FAMILIES.map((f) => f.kind);
  expect(kinds.filter((k) => k === 'attack').length).toBeGreaterThanOrEqual(8);
  expect(kinds.filter((k) => k === 'legit').length).toBeGreaterThanOrEqual(8);
  for (const f of FAMILIES) {
    const fam = truth.families[f.name];
    expect(fam, f.name).toBeDefined();
    expect(fam?.kind).toBe(f.kind);
    expect(fam?.description.length).toBeGreaterThan(20);
    if (f.kind !== 'attack') continue;
    const p = (fam?.params ?? {}) as Record<string, unknown>;
    const acc = p.accounts as number;
    const rpa = p.requests_per_account as { min: number; max: number };
    const ids = p.identifiers as Record<string, string>;
    expect(acc).toBeGreaterThanOrEqual(BOUNDS.accounts[0]);
    expect(acc).toBeLessThanOrEqual(BOUNDS.accounts[1]);
    expect(rpa.min).toBeGreaterThanOrEqual(BOUNDS.requests[0]);
    expect(rpa.max).toBeLessThanOrEqual(BOUNDS.requests[1]);
    expect(rpa.min).toBeLessThanOrEqual(rpa.max);
    expect(p.attack_share).toBeGreaterThanOrEqual(BOUNDS.share[0]);
    expect(p.attack_share).toBeLessThanOrEqual(BOUNDS.share[1]);
    for (const k of ['payment', 'ip', 'user_agent']) expect(STRATEGIES).toContain(ids[k]);
    expect([...STRATEGIES, 'none']).toContain(ids.org);
    expect(TIMINGS).toContain(p.timing);
    expect((p.camouflage as { sources: string[] }).sources.length).toBeGreaterThan(0);
    const members = Object.values(truth.accounts).filter((a) => a.family === f.name);
    expect(members.length).toBe(acc);
    for (const a of members) expect(a.campaign_id).toBe(p.campaign_id);
  }
  for (const a of Object.values(truth.accounts)) {
    expect(truth.families[a.family]?.kind).toBe(a.kind);
    if (a.kind === 'legit') expect(a.campaign_id).toBeNull();
  }
}
