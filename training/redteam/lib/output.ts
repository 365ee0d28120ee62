/** Sorting, request ids, invariants and the truth file. */
import { Rng } from './rng.js';
import type { Account, DraftEvent, GatewayEvent, Truth, Window } from './types.js';
import type { FamilySpec } from './family.js';
import { iso } from './accounts.js';

export interface FamilyRun {
  spec: FamilySpec;
  params: Record<string, unknown>;
  accounts: Account[];
  events: DraftEvent[];
}

export function assemble(seed: number, window: Window, runs: FamilyRun[]): { events: GatewayEvent[]; truth: Truth } {
  const all: { e: DraftEvent; seq: number }[] = [];
  for (const run of runs) for (const e of run.events) all.push({ e, seq: all.length });
  all.sort((a, b) => a.e.t - b.e.t || a.seq - b.seq);
  const idRng = new Rng(`seed:${seed}/request-ids`);
  const ids = new Set<string>();
  const events: GatewayEvent[] = all.map(({ e }) => {
    if (e.t < window.start || e.t >= window.end) throw new Error(`redteam: event outside window at ${iso(e.t)}`);
    let id = `req_${idRng.hex(24)}`;
    while (ids.has(id)) id = `req_${idRng.hex(24)}`;
    ids.add(id);
    return { request_id: id, account_id: e.accountId, timestamp: iso(e.t), prompt: e.prompt, metadata: e.meta };
  });
  const truth: Truth = {
    seed,
    window: { start: iso(window.start), end: iso(window.end) },
    families: {},
    accounts: {},
  };
  const firstSeen = new Map<string, number>();
  for (const { e } of all) if (!firstSeen.has(e.accountId)) firstSeen.set(e.accountId, e.t);
  for (const run of runs) {
    truth.families[run.spec.name] = { kind: run.spec.kind, description: run.spec.description, params: run.params };
    for (const a of run.accounts) {
      if (truth.accounts[a.id]) throw new Error(`redteam: duplicate account id ${a.id}`);
      const first = firstSeen.get(a.id);
      if (first !== undefined && a.createdAt > first)
        throw new Error(`redteam: ${a.id} created after its first request`);
      truth.accounts[a.id] = { family: run.spec.name, kind: run.spec.kind, campaign_id: a.campaignId };
    }
  }
  for (const { e } of all)
    if (!truth.accounts[e.accountId]) throw new Error(`redteam: event of unknown account ${e.accountId}`);
  addIpOverlap(runs, truth);
  return { events, truth };
}

/** Make shared infrastructure between legit and attack families explicit in the truth file. */
function addIpOverlap(runs: FamilyRun[], truth: Truth): void {
  const ipsOf = new Map<string, Set<string>>();
  for (const run of runs) ipsOf.set(run.spec.name, new Set(run.events.map((e) => e.meta.ip)));
  for (const legit of runs.filter((r) => r.spec.kind === 'legit')) {
    const mine = ipsOf.get(legit.spec.name) ?? new Set<string>();
    const overlap: Record<string, number> = {};
    for (const atk of runs.filter((r) => r.spec.kind === 'attack')) {
      let n = 0;
      for (const ip of ipsOf.get(atk.spec.name) ?? []) if (mine.has(ip)) n++;
      if (n > 0) overlap[atk.spec.name] = n;
    }
    const fam = truth.families[legit.spec.name];
    if (fam && Object.keys(overlap).length > 0) fam.params = { ...fam.params, ip_overlap_with_attack: overlap };
  }
}
