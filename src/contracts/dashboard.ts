/** Read-only aggregates behind the analyst dashboard (`/dashboard`): overview and per-account timeline. */
import { z } from 'zod';
import { ATTACK_LABELS, CLASSES } from '../labels.js';
import { ACTIONS, LEVELS } from './accounts.js';
import { IDENTIFIER_KINDS } from './clusters.js';
import { AccountId } from './identifiers.js';

const levelCounts = () =>
  z.object(
    Object.fromEntries(LEVELS.map((l) => [l, z.number().int().nonnegative()])) as Record<
      (typeof LEVELS)[number],
      z.ZodNumber
    >,
  );

export const LevelCounts = levelCounts().meta({ title: 'LevelCounts' });
export type LevelCounts = z.infer<typeof LevelCounts>;

export const LevelSnapshot = levelCounts()
  .extend({ t: z.number().int().describe('Snapshot time, ms since the epoch.') })
  .meta({ title: 'LevelSnapshot' });
export type LevelSnapshot = z.infer<typeof LevelSnapshot>;

export const QueueHealth = z
  .object({
    name: z.string(),
    waiting: z.number().int().nonnegative(),
    active: z.number().int().nonnegative(),
    delayed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    completed: z.number().int().nonnegative(),
    paused: z.boolean(),
    workers: z.number().int().nonnegative().describe('Worker connections currently attached to the queue.'),
  })
  .meta({ title: 'QueueHealth' });
export type QueueHealth = z.infer<typeof QueueHealth>;

export const TopAccount = z
  .object({
    account_id: z.string(),
    likelihood: z.number().min(0).max(1),
    level: z.enum(LEVELS),
    action: z.enum(ACTIONS),
    requests: z.number().int().nonnegative(),
    cluster_id: z.string().nullable(),
    top_factor: z.string().nullable().describe('Detail of the largest contributing factor.'),
    updated_at: z.string().nullable(),
  })
  .meta({ title: 'TopAccount' });
export type TopAccount = z.infer<typeof TopAccount>;

export const EventsPerMinute = z
  .object({
    t: z.number().int().describe('Start of the minute, ms since the epoch.'),
    completed: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ title: 'EventsPerMinute' });
export type EventsPerMinute = z.infer<typeof EventsPerMinute>;

export const DashboardOverview = z
  .object({
    generated_at: z.string(),
    thresholds: z.object({ elevated: z.number(), high: z.number(), critical: z.number() }),
    accounts: z.object({ total: z.number().int().nonnegative(), by_level: LevelCounts }),
    level_history: z.array(LevelSnapshot).describe('Accounts per level, sampled about once a minute, oldest first.'),
    events: z.object({
      per_second: z
        .number()
        .nonnegative()
        .describe('Labelled events aggregated per second over the last complete minute.'),
      per_minute: z.array(EventsPerMinute).describe('Events aggregated per minute over the last hour, oldest first.'),
    }),
    queues: z.array(QueueHealth),
    top_accounts: z.array(TopAccount),
  })
  .meta({ title: 'DashboardOverview' });
export type DashboardOverview = z.infer<typeof DashboardOverview>;

export const DashboardOverviewQuery = z.object({
  top: z.coerce.number().int().min(1).max(100).default(10),
  history_hours: z.coerce.number().int().min(1).max(168).default(24),
});

const labelCounts = () =>
  Object.fromEntries(CLASSES.map((l) => [l, z.number().int().nonnegative()])) as Record<
    (typeof ATTACK_LABELS)[number] | 'benign',
    z.ZodNumber
  >;

export const TimelineHour = z
  .object({
    t: z.number().int().describe('Start of the hour, ms since the epoch.'),
    n: z.number().int().nonnegative(),
    ...labelCounts(),
  })
  .meta({ title: 'TimelineHour' });
export type TimelineHour = z.infer<typeof TimelineHour>;

export const AccountTimeline = z
  .object({
    account_id: z.string(),
    from: z.number().int().describe('Start of the first hour shown.'),
    to: z.number().int().describe('End of the last hour shown.'),
    hours: z
      .array(TimelineHour)
      .describe('Hours with traffic in the last 7 days, oldest first; hours absent had none.'),
  })
  .meta({ title: 'AccountTimeline' });
export type AccountTimeline = z.infer<typeof AccountTimeline>;

export const ACTIVITY_MAX_ACCOUNTS = 200;

export const ActivityRequest = z
  .object({
    account_ids: z
      .array(AccountId)
      .min(1)
      .max(ACTIVITY_MAX_ACCOUNTS)
      .describe('Accounts to read, e.g. the members of a cluster.'),
  })
  .meta({ title: 'ActivityRequest' });
export type ActivityRequest = z.infer<typeof ActivityRequest>;

export const AccountActivity = z
  .object({
    account_id: z.string(),
    likelihood: z.number().min(0).max(1),
    level: z.enum(LEVELS),
    updated_at: z
      .string()
      .nullable()
      .describe('When the account was last scored; null: never scored (likelihood 0, low).'),
    hours: z
      .array(z.object({ t: z.number().int(), n: z.number().int().nonnegative() }))
      .describe('Requests per hour, last 7 days, oldest first.'),
    recent: z
      .array(z.number().int())
      .describe('Times (ms) of the most recent requests (at most 256, last 7 days), ascending.'),
  })
  .meta({ title: 'AccountActivity' });
export type AccountActivity = z.infer<typeof AccountActivity>;

export const ActivityResponse = z
  .object({ from: z.number().int(), to: z.number().int(), accounts: z.array(AccountActivity) })
  .meta({ title: 'ActivityResponse' });
export type ActivityResponse = z.infer<typeof ActivityResponse>;

export const AccountIdentifier = z
  .object({
    kind: z.enum(IDENTIFIER_KINDS),
    value: z.string().describe('The raw identifier value (IP, payment fingerprint, user agent, organisation).'),
    requests: z.number().int().nonnegative().describe("The account's requests carrying it in the window."),
    other_accounts: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .describe(
        'Other accounts seen with the same value in the last 7 days, as of `counted_at`; null: not counted yet (a value newer than the last count).',
      ),
  })
  .meta({ title: 'AccountIdentifier' });
export type AccountIdentifier = z.infer<typeof AccountIdentifier>;

export const AccountIdentifiers = z
  .object({
    account_id: z.string(),
    from: z.number().int().describe('Start of the first UTC day read.'),
    to: z.number().int().describe('End of the last UTC day read.'),
    identifiers: z.array(AccountIdentifier).describe('Most requests first.'),
    counted_at: z
      .string()
      .nullable()
      .describe('When the accounts per identifier value were counted (after each cluster pass); null: not yet.'),
  })
  .meta({ title: 'AccountIdentifiers' });
export type AccountIdentifiers = z.infer<typeof AccountIdentifiers>;
