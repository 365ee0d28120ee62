/**
 * Read-only aggregates for the analyst dashboard: `GET /v1/dashboard/overview` and
 * `GET /v1/dashboard/accounts/:id/timeline`, `GET /v1/dashboard/accounts/:id/identifiers`, `POST /v1/dashboard/activity` (several accounts' activity
 * side by side, for the cluster heat map; a POST only because a cluster's ids can be long). Everything else the dashboard shows comes from the
 * public analyst API (accounts, clusters, verdicts, rescore jobs).
 */
import type { Redis } from 'ioredis';
import {
  AccountIdentifiers,
  AccountTimeline,
  ActivityRequest,
  ActivityResponse,
  DashboardOverview,
  DashboardOverviewQuery,
} from '../../contracts/dashboard.js';
import { ErrorResponse } from '../../contracts/error.js';
import { invalidRequest, issuesToDetails, notFound } from '../../errors.js';
import type { Thresholds } from '../../features/aggregate/account-model.js';
import type { AccountScores } from '../../features/aggregate/account-scores.js';
import { keySpace } from '../../features/aggregate/redis-keys.js';
import { readAccountsActivity } from '../../features/dashboard/account-activity.js';
import { readAccountIdentifiers } from '../../features/dashboard/account-identifiers.js';
import { readAccountTimeline } from '../../features/dashboard/account-timeline.js';
import { createIdentifierCensus } from '../../features/dashboard/identifier-census.js';
import { createLevelHistory } from '../../features/dashboard/level-history.js';
import { readOverview } from '../../features/dashboard/overview.js';
import { createEventRate } from '../../features/dashboard/event-rate.js';
import { createQueueMonitor } from '../../features/dashboard/queue-health.js';
import { AccountPath } from '../../contracts/identifiers.js';
import { parseParams } from '../params.js';
import type { Route } from './route.js';

export interface DashboardRoutesDeps {
  redis: Redis;
  /** The account pipeline's key prefix (ACCOUNT_PREFIX). */
  prefix: string;
  scores: AccountScores;
  thresholds: Thresholds;
  /** BullMQ queues shown under queue health. */
  queues: readonly string[];
  now?: () => number;
  /** Failures of background work started by a read (an identifier census). */
  onError?: (err: unknown) => void;
}

export function dashboardRoutes(deps: DashboardRoutesDeps): Route[] {
  const now = deps.now ?? Date.now;
  const levels = createLevelHistory({ redis: deps.redis, prefix: deps.prefix, thresholds: deps.thresholds, now });
  const queues = createQueueMonitor({ connection: deps.redis, prefix: deps.prefix, queues: deps.queues });
  const events = createEventRate({ redis: deps.redis, prefix: deps.prefix, now });
  const rank = keySpace(deps.prefix).rank;
  const census = createIdentifierCensus({
    redis: deps.redis,
    prefix: deps.prefix,
    now,
    ...(deps.onError ? { onError: deps.onError } : {}),
  });

  const overview: Route = {
    access: 'analyst',
    spec: {
      method: 'get',
      path: '/v1/dashboard/overview',
      operationId: 'getDashboardOverview',
      summary:
        'Accounts by level (now and over time), events/s, queue health and the top accounts (query: top, history_hours).',
      tags: ['dashboard'],
      responses: {
        200: { description: 'The overview.', name: 'DashboardOverview', schema: DashboardOverview },
        400: { description: 'Invalid query.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const parsed = DashboardOverviewQuery.safeParse(req.query);
      if (!parsed.success) throw invalidRequest('Invalid query.', issuesToDetails(parsed.error.issues));
      const body = await readOverview(
        {
          scores: deps.scores,
          thresholds: deps.thresholds,
          levels,
          queues,
          events,
          totalAccounts: () => deps.redis.zcard(rank),
          now,
        },
        { top: parsed.data.top, historyHours: parsed.data.history_hours },
      );
      res.setHeader('cache-control', 'no-store');
      res.json(body);
    },
  };

  const timeline: Route = {
    access: 'analyst',
    spec: {
      method: 'get',
      path: '/v1/dashboard/accounts/:id/timeline',
      operationId: 'getAccountTimeline',
      summary: "One account's requests per hour and label over the last 7 days.",
      tags: ['dashboard'],
      responses: {
        200: { description: 'Hourly requests by label.', name: 'AccountTimeline', schema: AccountTimeline },
        400: { description: 'Invalid account id.', name: 'ErrorResponse', schema: ErrorResponse },
        404: { description: 'No traffic seen for this account.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const { id } = parseParams(AccountPath, req.params);
      const [view, body] = await Promise.all([
        deps.scores.get(id),
        readAccountTimeline({ redis: deps.redis, prefix: deps.prefix, now }, id),
      ]);
      if (view === undefined && body.hours.length === 0) throw notFound('No state for this account.');
      res.setHeader('cache-control', 'no-store');
      res.json(body);
    },
  };

  const activity: Route = {
    access: 'analyst',
    spec: {
      method: 'post',
      path: '/v1/dashboard/activity',
      operationId: 'getAccountsActivity',
      summary: 'Read-only: requests per hour and recent request times of up to 200 accounts (a cluster heat map).',
      tags: ['dashboard'],
      request: { name: 'ActivityRequest', schema: ActivityRequest },
      responses: {
        200: {
          description: 'Activity per account, in request order (duplicates removed).',
          name: 'ActivityResponse',
          schema: ActivityResponse,
        },
        400: { description: 'Invalid body.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const parsed = ActivityRequest.safeParse(req.body);
      if (!parsed.success) throw invalidRequest('Invalid request.', issuesToDetails(parsed.error.issues));
      res.setHeader('cache-control', 'no-store');
      res.json(
        await readAccountsActivity(
          { redis: deps.redis, prefix: deps.prefix, scores: deps.scores, now },
          parsed.data.account_ids,
        ),
      );
    },
  };

  const identifiers: Route = {
    access: 'analyst',
    spec: {
      method: 'get',
      path: '/v1/dashboard/accounts/:id/identifiers',
      operationId: 'getAccountIdentifiers',
      summary:
        "One account's IPs, payment fingerprints, user agents and organisations (last 7 days) with how many other accounts share each.",
      tags: ['dashboard'],
      responses: {
        200: {
          description: 'Identifiers, most requests first (empty when no identifier data was recorded).',
          name: 'AccountIdentifiers',
          schema: AccountIdentifiers,
        },
        400: { description: 'Invalid account id.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const { id } = parseParams(AccountPath, req.params);
      res.setHeader('cache-control', 'no-store');
      res.json(await readAccountIdentifiers({ redis: deps.redis, prefix: deps.prefix, census, now }, id));
    },
  };

  return [overview, timeline, activity, identifiers];
}
