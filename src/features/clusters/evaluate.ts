/**
 * Cluster quality against simulator truth: per campaign, the share of its accounts in its best
 * cluster and that cluster's purity; legitimate accounts inside attack clusters, per family.
 */
import type { Cluster } from '../../contracts/clusters.js';
import type { TruthEntry } from '../simulate/simulate.js';

export interface CampaignResult {
  campaign: string;
  family: string;
  /** Accounts of the campaign that sent traffic in the window. */
  accounts: number;
  /** Share of them in the single cluster holding most of them. */
  recall: number;
  /** Share of that cluster's members that belong to the campaign. */
  purity: number;
  cluster_score: number;
  met: boolean;
}

export interface ClusterEvaluation {
  campaigns: CampaignResult[];
  campaigns_met: number;
  legit_in_attack_clusters: number;
  legit_in_attack_clusters_by_family: Record<string, number>;
  attack_clusters: number;
  clusters: number;
}

export function evaluateClusters(
  clusters: readonly Cluster[],
  truth: Readonly<Record<string, TruthEntry>>,
  active: ReadonlySet<string>,
  opts: { attackScore: number; minRecall?: number; minPurity?: number },
): ClusterEvaluation {
  const minRecall = opts.minRecall ?? 0.9;
  const minPurity = opts.minPurity ?? 0.95;
  const clusterOf = new Map<string, Cluster>();
  for (const c of clusters) for (const m of c.members) clusterOf.set(m, c);
  const campaigns = new Map<string, { family: string; members: string[] }>();
  for (const [id, t] of Object.entries(truth)) {
    if (t.campaign_id === null || !active.has(id)) continue;
    let c = campaigns.get(t.campaign_id);
    if (c === undefined) campaigns.set(t.campaign_id, (c = { family: t.family, members: [] }));
    c.members.push(id);
  }
  const results: CampaignResult[] = [];
  for (const [campaign, { family, members }] of [...campaigns].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (members.length < 2) continue;
    const counts = new Map<string, number>();
    for (const m of members) {
      const c = clusterOf.get(m);
      if (c !== undefined) counts.set(c.cluster_id, (counts.get(c.cluster_id) ?? 0) + 1);
    }
    let best: Cluster | undefined;
    let bestCount = 0;
    for (const [id, k] of counts) {
      if (k > bestCount) {
        bestCount = k;
        best = clusters.find((c) => c.cluster_id === id);
      }
    }
    const recall = bestCount / members.length;
    const purity = best === undefined ? 0 : bestCount / best.size;
    const score = best?.score ?? 0;
    results.push({
      campaign,
      family,
      accounts: members.length,
      recall: Math.round(recall * 1000) / 1000,
      purity: Math.round(purity * 1000) / 1000,
      cluster_score: score,
      met: recall >= minRecall && purity >= minPurity && score >= opts.attackScore,
    });
  }
  const byFamily: Record<string, number> = {};
  let legit = 0;
  const attack = clusters.filter((c) => c.score >= opts.attackScore);
  for (const c of attack) {
    for (const m of c.members) {
      const t = truth[m];
      if (t?.role !== 'legit') continue;
      legit += 1;
      byFamily[t.family] = (byFamily[t.family] ?? 0) + 1;
    }
  }
  return {
    campaigns: results,
    campaigns_met: results.filter((r) => r.met).length,
    legit_in_attack_clusters: legit,
    legit_in_attack_clusters_by_family: byFamily,
    attack_clusters: attack.length,
    clusters: clusters.length,
  };
}
