import {
  AccountList,
  AccountListQuery,
  AccountView,
  EventsResponse,
  type EventResult,
} from '../../contracts/accounts.js';
import { ErrorResponse } from '../../contracts/error.js';
import {
  createEventsRequestSchema,
  parseEventsRequest,
  type AccountEventJob,
  type EventLimits,
  type GatewayEvent,
} from '../../contracts/events.js';
import { AppError, invalidRequest, issuesToDetails, notFound } from '../../errors.js';
import type { PromptClassifier } from '../../models/prompt-classifier.js';
import { toJob } from '../../features/aggregate/event-job.js';
import type { AccountApi } from '../../queues/processes/types.js';
import { AccountPath } from '../../contracts/identifiers.js';
import { parseParams } from '../params.js';
import type { Route } from './route.js';

/** What the account routes need: the queue layer's account API. */
export type AccountRoutesDeps = AccountApi;

/**
 * `POST /v1/events`: validates every event, labels the prompts, enqueues the labelled events for
 * aggregation (each request id counted once) and answers at once with the labels and each account's
 * currently stored verdict. Aggregation never delays the answer.
 */
export function eventsRoute(deps: AccountRoutesDeps & { classifier: PromptClassifier; limits: EventLimits }): Route {
  const schema = createEventsRequestSchema(deps.limits);
  return {
    access: 'gateway',
    spec: {
      method: 'post',
      path: '/v1/events',
      operationId: 'ingestEvents',
      summary: 'Report LLM requests (one event or {events:[...]}); returns prompt labels and the account verdict.',
      tags: ['accounts'],
      request: { name: 'EventsRequest', schema },
      responses: {
        200: {
          description: 'Labels and stored account verdicts, in input order.',
          name: 'EventsResponse',
          schema: EventsResponse,
        },
        400: {
          description:
            'An event is invalid (`invalid_request`), or its time is outside the accepted window (`timestamp_out_of_range`); nothing was enqueued.',
          name: 'ErrorResponse',
          schema: ErrorResponse,
        },
        409: {
          description:
            'A request id was already used with different content (`request_id_conflict`); nothing was enqueued.',
          name: 'ErrorResponse',
          schema: ErrorResponse,
        },
        413: { description: 'Body or event count over the limit.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const events: GatewayEvent[] = parseEventsRequest(schema, req.body);
      res.locals.items = events.length;
      // The request id check runs while the prompts are labelled; a conflict refuses the whole call.
      const [classifications, claim] = await Promise.all([
        deps.classifier.classify(events.map((e) => e.prompt)),
        deps.claims?.claim(events),
      ]);
      if (claim?.status === 'conflict')
        throw new AppError(
          409,
          'request_id_conflict',
          'A request id was already used for an event with different content; nothing was accepted.',
          claim.conflicts.map((i) => ({
            path: Array.isArray((req.body as { events?: unknown }).events) ? `events.${i}.request_id` : 'request_id',
            message: 'already used with different content',
          })),
        );
      if (claim?.status === 'unchecked') deps.onClaimSkipped?.(claim.error);
      const jobs: AccountEventJob[] = events.map((e, i) => toJob(e, classifications[i]!.label));
      const accountIds = events.map((e) => e.account_id);
      const [, briefs] = await Promise.all([
        deps.enqueue(jobs),
        deps.briefs !== undefined ? deps.briefs(accountIds) : deps.scores.briefs(accountIds),
      ]);
      const results: EventResult[] = events.map((e, i) => {
        const c = classifications[i]!;
        return {
          request_id: e.request_id,
          labels: { ...c.scores, label: c.label, flagged: c.flagged },
          model_version: c.model,
          account: briefs[i]!,
        };
      });
      res.json(Array.isArray((req.body as { events?: unknown }).events) ? { results } : results[0]);
    },
  };
}

/** `GET /v1/accounts/:id`: the stored verdict, features and explanations of one account. */
export function accountRoute(deps: AccountRoutesDeps): Route {
  return {
    access: 'analyst',
    spec: {
      method: 'get',
      path: '/v1/accounts/:id',
      operationId: 'getAccount',
      summary:
        'One account: likelihood, level, action, top factors, features, the analyst verdict in force and recent prompt samples.',
      tags: ['accounts'],
      responses: {
        200: { description: 'The account.', name: 'AccountView', schema: AccountView },
        400: { description: 'Invalid account id.', name: 'ErrorResponse', schema: ErrorResponse },
        404: { description: 'No traffic seen for this account.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const { id } = parseParams(AccountPath, req.params);
      const view = await deps.scores.get(id);
      if (view === undefined) throw notFound('No state for this account.');
      if (deps.feedback === undefined) {
        res.json(view);
        return;
      }
      const [verdict, samples] = await Promise.all([deps.feedback.verdicts.latest(id), deps.feedback.samples.read(id)]);
      res.json({ ...view, verdict, samples } satisfies AccountView);
    },
  };
}

/** `GET /v1/accounts`: accounts ranked by likelihood, filtered and cursor-paginated. */
export function accountsRoute(deps: AccountRoutesDeps): Route {
  return {
    access: 'analyst',
    spec: {
      method: 'get',
      path: '/v1/accounts',
      operationId: 'listAccounts',
      summary: 'Accounts ranked by likelihood (query: min_likelihood, level, limit, cursor).',
      tags: ['accounts'],
      responses: {
        200: { description: 'A page of accounts and the next cursor.', name: 'AccountList', schema: AccountList },
        400: { description: 'Invalid query.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const parsed = AccountListQuery.safeParse(req.query);
      if (!parsed.success) throw invalidRequest('Invalid query.', issuesToDetails(parsed.error.issues));
      res.json(await deps.scores.list(parsed.data, deps.thresholds));
    },
  };
}
