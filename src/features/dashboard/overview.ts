/** The dashboard overview in one read: level counts and history, throughput, queue health, top accounts. */
import type { DashboardOverview, TopAccount } from '../../contracts/dashboard.js';
import type { Thresholds } from '../aggregate/account-model.js';
import type { AccountScores } from '../aggregate/account-scores.js';
import type { LevelHistory } from './level-history.js';
import type { EventRate } from './event-rate.js';
import type { QueueMonitor } from './queue-health.js';

export interface OverviewDeps {
  scores: AccountScores;
  thresholds: Thresholds;
  levels: LevelHistory;
  queues: QueueMonitor;
  /** Events applied to account aggregates per minute. */
  events: EventRate;
  /** Number of ranked accounts. */
  totalAccounts(): Promise<number>;
  now?: () => number;
}

const THROUGHPUT_MINUTES = 60;

export async function readOverview(
  deps: OverviewDeps,
  opts: { top: number; historyHours: number },
): Promise<DashboardOverview> {
  const now = (deps.now ?? Date.now)();
  await deps.levels.sample();
  const [byLevel, history, perMinute, queues, top, total] = await Promise.all([
    deps.levels.counts(),
    deps.levels.read(now - opts.historyHours * 3_600_000),
    deps.events.perMinute(THROUGHPUT_MINUTES),
    deps.queues.health(),
    deps.scores.list({ limit: opts.top }, deps.thresholds),
    deps.totalAccounts(),
  ]);
  // The current minute is still filling: the rate is the last complete minute's.
  const lastComplete = perMinute.at(-2);
  const topAccounts: TopAccount[] = top.accounts.map((a) => ({
    account_id: a.account_id,
    likelihood: a.likelihood,
    level: a.level,
    action: a.action,
    requests: a.requests,
    cluster_id: a.cluster_id,
    top_factor: a.top_factors[0]?.detail ?? null,
    updated_at: a.updated_at,
  }));
  return {
    generated_at: new Date(now).toISOString(),
    thresholds: { elevated: deps.thresholds.elevated, high: deps.thresholds.high, critical: deps.thresholds.critical },
    accounts: { total, by_level: byLevel },
    level_history: history,
    events: { per_second: lastComplete === undefined ? 0 : lastComplete.completed / 60, per_minute: perMinute },
    queues,
    top_accounts: topAccounts,
  };
}
