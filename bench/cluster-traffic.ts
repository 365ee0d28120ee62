/**
 * Simulated traffic for the cluster benchmarks: about `target` labelled jobs over 7 days (seeded)
 * and each account's own likelihood from the shipped account model, plus a bulk loader that
 * writes the jobs' account graph state into Redis (the same day hashes, active sets and values as
 * the events worker's per-event script, summed per account-day and written at once).
 */
import type { Redis } from 'ioredis';
import type { AccountEventJob } from '../src/contracts/events.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { toSummaryEvent } from '../src/features/aggregate/offline.js';
import { promptSignals } from '../src/features/aggregate/prompt-signals.js';
import { accountHash, keySpace } from '../src/features/aggregate/redis-keys.js';
import { scoreSummary } from '../src/features/aggregate/score-account.js';
import { DAY_MS, summarizeEvents, type SummaryEvent } from '../src/features/aggregate/summary.js';
import { createValueHasher, eventFields } from '../src/features/clusters/graph-fields.js';
import { graphKeys, graphShard } from '../src/features/clusters/graph-store.js';
import { simulate, type Simulation } from '../src/features/simulate/simulate.js';
import { slotPipeline } from '../src/redis/slot-pipeline.js';

/** Simulated events per account over 7 days with the default family mix (measured: ≈ 600). */
const EVENTS_PER_ACCOUNT = 600;

export interface Traffic {
  jobs: AccountEventJob[];
  risk: Map<string, number>;
  truth: Simulation['truth'];
  end: number;
}

export async function simulatedTraffic(seed: number, target: number): Promise<Traffic> {
  const sim = simulate({ seed, accounts: Math.max(20, Math.round(target / EVENTS_PER_ACCOUNT)), days: 7 });
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  const signals = new Map<string, ReturnType<typeof promptSignals>>();
  const jobs: AccountEventJob[] = sim.events.map((e) => {
    let s = signals.get(e.prompt);
    if (s === undefined) signals.set(e.prompt, (s = promptSignals(e.prompt)));
    return {
      request_id: e.request_id,
      account_id: e.account_id,
      ts: Date.parse(e.timestamp),
      ip: e.metadata.ip,
      payment_fingerprint: e.metadata.payment_fingerprint,
      user_agent: e.metadata.user_agent,
      ...(e.metadata.org_id !== undefined ? { org_id: e.metadata.org_id } : {}),
      label: e.labels!.label,
      ...s,
    };
  });
  sim.events.length = 0;
  const byAccount = new Map<string, SummaryEvent[]>();
  for (const j of jobs) {
    let list = byAccount.get(j.account_id);
    if (list === undefined) byAccount.set(j.account_id, (list = []));
    list.push(toSummaryEvent(j));
  }
  const risk = new Map<string, number>();
  for (const [id, list] of byAccount)
    risk.set(id, scoreSummary(summarizeEvents(id, list, sim.end), sim.end, model).likelihood);
  return { jobs, risk, truth: sim.truth, end: sim.end };
}

/** Writes the jobs' graph state and each account's stored likelihood under `prefix` (keys expire after a day). */
export async function loadGraph(redis: Redis, prefix: string, traffic: Traffic): Promise<void> {
  const keys = graphKeys(prefix);
  const hash = createValueHasher();
  const days = new Map<string, { id: string; h: string; day: number; fields: Map<string, number> }>();
  const values = new Map<string, Map<string, string>>();
  for (const job of traffic.jobs) {
    const day = Math.floor(job.ts / DAY_MS);
    const h = accountHash(job.account_id);
    const key = keys.day(day, h);
    let entry = days.get(key);
    if (entry === undefined) days.set(key, (entry = { id: job.account_id, h, day, fields: new Map() }));
    const { counters, identifiers } = eventFields(job, hash);
    for (const f of ['n', ...counters, ...identifiers.map(([field]) => field)])
      entry.fields.set(f, (entry.fields.get(f) ?? 0) + 1);
    const vkey = keys.values(day, graphShard(h));
    let v = values.get(vkey);
    if (v === undefined) values.set(vkey, (v = new Map()));
    for (const [, valueHash, raw] of identifiers) v.set(valueHash, raw);
  }
  let p = slotPipeline(redis);
  let queued = 0;
  const flush = async (force = false) => {
    if (!force && queued < 500) return;
    for (const [err] of (await p.exec()) ?? []) if (err) throw err;
    p = slotPipeline(redis);
    queued = 0;
  };
  for (const [key, e] of days) {
    p.hset(key, 'id', e.id, ...[...e.fields].flat().map(String)).pexpire(key, DAY_MS);
    p.sadd(keys.active(e.day, graphShard(e.h)), e.h).pexpire(keys.active(e.day, graphShard(e.h)), DAY_MS);
    queued += 1;
    await flush();
  }
  for (const [key, v] of values) {
    const flat = [...v].flat();
    for (let i = 0; i < flat.length; i += 2000) p.hset(key, ...flat.slice(i, i + 2000));
    p.pexpire(key, DAY_MS);
    queued += 1;
    await flush();
  }
  const state = keySpace(prefix);
  for (const [id, r] of traffic.risk) {
    p.set(state.account(accountHash(id)).state, JSON.stringify({ likelihood: r }), 'PX', DAY_MS);
    queued += 1;
    await flush();
  }
  await flush(true);
}
