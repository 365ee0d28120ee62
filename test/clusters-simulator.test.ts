import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { toJob } from '../src/features/aggregate/event-job.js';
import { runClusterPass } from '../src/features/clusters/cluster-pass.js';
import { evaluateClusters } from '../src/features/clusters/evaluate.js';
import { createOfflineCollector } from '../src/features/clusters/offline-nodes.js';
import { BASE_FAMILIES, CLUSTER_FAMILIES } from '../src/features/simulate/scenarios.js';
import { simulate } from '../src/features/simulate/simulate.js';

describe('simulator scenarios for cluster detection', () => {
  it('adds the hard negatives and the lockstep campaign without changing the base families', () => {
    const all = simulate({ seed: 21, accounts: 60, days: 2 });
    const base = simulate({ seed: 21, accounts: 60, days: 2, families: BASE_FAMILIES });
    const families = new Set(Object.values(all.truth).map((t) => t.family));
    for (const f of CLUSTER_FAMILIES) expect(families.has(f), f).toBe(true);
    const baseIds = new Set(Object.keys(base.truth));
    expect(all.events.filter((e) => baseIds.has(e.account_id))).toEqual(base.events);
    // VPN users exit through some of the attack campaigns' proxy addresses.
    const proxyIps = new Set(
      all.events.filter((e) => all.truth[e.account_id]!.family === 'campaign_shared').map((e) => e.metadata.ip),
    );
    expect(all.events.some((e) => all.truth[e.account_id]!.family === 'vpn_exit' && proxyIps.has(e.metadata.ip))).toBe(
      true,
    );
    // The lockstep campaign shares no card and no IP between its accounts.
    const lock = all.events.filter((e) => all.truth[e.account_id]!.family === 'campaign_lockstep');
    const owners = new Map<string, Set<string>>();
    for (const e of lock)
      for (const v of [e.metadata.ip, e.metadata.payment_fingerprint])
        owners.set(v, (owners.get(v) ?? new Set()).add(e.account_id));
    expect([...owners.values()].every((s) => s.size === 1)).toBe(true);
    expect(simulate({ seed: 21, accounts: 60, days: 2 }).events).toEqual(all.events);
  });

  it('on a seed not used for tuning, recovers every shared and lockstep campaign (≥ 90% in one cluster, purity ≥ 0.95) and puts no legitimate account in an attack cluster', async () => {
    const sim = simulate({ seed: 303, accounts: 160, days: 3 });
    const collector = createOfflineCollector();
    for (const e of sim.events) collector.add(toJob(e, e.labels!.label));
    const { nodes, values } = collector.finish(await loadAccountModel(DEFAULT_MODELS_DIR));
    const result = runClusterPass(nodes, { values });
    const q = evaluateClusters(result.clusters, sim.truth, new Set(nodes.map((n) => n.id)), { attackScore: 0.6 });
    const coordinated = q.campaigns.filter((c) => c.family === 'campaign_shared' || c.family === 'campaign_lockstep');
    expect(coordinated.length).toBeGreaterThanOrEqual(3);
    expect(coordinated.filter((c) => c.family === 'campaign_lockstep').length).toBeGreaterThanOrEqual(1);
    for (const c of coordinated) expect(c, c.campaign).toMatchObject({ met: true });
    expect(q.legit_in_attack_clusters_by_family).toEqual({});
  }, 120_000);
});
