/** The end-of-run summary: accounts, flagged by level, clusters, duration, rate, cache hit rate. */
import { LEVELS, type AccountView } from '../../contracts/accounts.js';
import type { RescoreSummary } from '../../contracts/rescore.js';
import type { PartStats } from './part-result.js';

export function buildSummary(input: {
  views: readonly AccountView[];
  stats: PartStats;
  duplicates: number;
  parts: number;
  resumedParts: number;
  durationMs: number;
  model: string | null;
  accountModel: string;
}): RescoreSummary {
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<(typeof LEVELS)[number], number>;
  const clusters = new Set<string>();
  for (const v of input.views) {
    byLevel[v.level] += 1;
    if (v.cluster_id !== null) clusters.add(v.cluster_id);
  }
  const seconds = Math.max(input.durationMs, 1) / 1000;
  const { stats } = input;
  return {
    accounts: input.views.length,
    flagged_by_level: byLevel,
    clusters: clusters.size,
    lines: stats.lines,
    events: stats.events,
    malformed: stats.malformed,
    duplicates: input.duplicates,
    chunks: input.parts,
    resumed_chunks: input.resumedParts,
    duration_s: Math.round(seconds * 1000) / 1000,
    events_per_s: Math.round(stats.events / seconds),
    cache_hit_rate: stats.lookups === 0 ? null : Math.round((1 - stats.classified / stats.lookups) * 1e4) / 1e4,
    classified: stats.classified,
    prescreened: stats.prescreened,
    model: input.model,
    account_model: input.accountModel,
  };
}

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatSummary(s: RescoreSummary): string {
  const flagged = LEVELS.filter((l) => l !== 'low')
    .map((l) => `${l} ${fmt.format(s.flagged_by_level[l])}`)
    .join(', ');
  const cache =
    s.cache_hit_rate === null
      ? 'all lines carried labels'
      : `cache hit rate ${(s.cache_hit_rate * 100).toFixed(1)}% (${fmt.format(s.classified)} prompts classified, ${fmt.format(s.prescreened)} of them cleared by the lexical pre-screen)`;
  return [
    `rescored ${fmt.format(s.accounts)} accounts from ${fmt.format(s.events)} events (${fmt.format(s.lines)} lines, ${fmt.format(s.malformed)} malformed, ${fmt.format(s.duplicates)} duplicate request ids) in ${s.duration_s.toFixed(1)} s: ${fmt.format(s.events_per_s)} events/s`,
    `flagged: ${flagged}; clusters: ${fmt.format(s.clusters)}; ${cache}; prompt model ${s.model ?? '-'}, account model ${s.account_model}`,
    ...(s.resumed_chunks > 0
      ? [`resumed: ${fmt.format(s.resumed_chunks)} of ${fmt.format(s.chunks)} chunks were already committed`]
      : []),
  ].join('\n');
}
