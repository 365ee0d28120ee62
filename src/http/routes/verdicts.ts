import type { z } from 'zod';
import { ErrorResponse } from '../../contracts/error.js';
import {
  createRelabelRequestSchema,
  Relabel,
  Verdict,
  VerdictHistory,
  VerdictRequest,
} from '../../contracts/verdicts.js';
import { invalidRequest, issuesToDetails, notFound, payloadTooLarge } from '../../errors.js';
import type { AccountScores } from '../../features/aggregate/account-scores.js';
import type { Thresholds } from '../../features/aggregate/account-model.js';
import { accountHash } from '../../features/aggregate/redis-keys.js';
import { applyVerdictCap } from '../../features/aggregate/verdict-cap.js';
import type { FeedbackStores } from '../../features/verdicts/feedback-stores.js';
import { analystOf } from '../analyst.js';
import { AccountPath } from '../../contracts/identifiers.js';
import { parseParams } from '../params.js';
import type { Route } from './route.js';

/** The analyst-feedback stores the account routes use. */
export type FeedbackDeps = FeedbackStores;

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const details = issuesToDetails(result.error.issues);
  if (result.error.issues.some((i) => i.code === 'too_big' && i.path[0] === 'prompt'))
    throw payloadTooLarge('The prompt is over the length limit.', 'prompt_too_large', details);
  throw invalidRequest('Request body does not match the contract.', details);
}

const accountIdOf = (params: unknown): string => parseParams(AccountPath, params).id;

/** `POST /v1/accounts/:id/verdict`: records an analyst's verdict on a known account (history kept, latest wins). */
export function verdictRoute(deps: FeedbackDeps & { scores: AccountScores; thresholds: Thresholds }): Route {
  return {
    access: 'analyst',
    spec: {
      method: 'post',
      path: '/v1/accounts/:id/verdict',
      operationId: 'recordVerdict',
      summary:
        'Record a verdict on an account: confirmed_attacker, legitimate, or legit_eval (a declared evaluation workload; the note states its purpose; caps the account at elevated/monitor). Analyst from the API key, else x-analyst-id or body.analyst.',
      tags: ['feedback'],
      request: { name: 'VerdictRequest', schema: VerdictRequest },
      responses: {
        201: { description: 'The recorded verdict, now in force.', name: 'Verdict', schema: Verdict },
        400: { description: 'Invalid body or account id.', name: 'ErrorResponse', schema: ErrorResponse },
        404: { description: 'No traffic seen for this account.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const id = accountIdOf(req.params);
      const body = parseBody(VerdictRequest, req.body);
      const analyst = analystOf(req, body.analyst);
      const view = await deps.scores.get(id);
      if (view === undefined) throw notFound('No state for this account.');
      const verdict = await deps.verdicts.record({ accountId: id, verdict: body.verdict, analyst, note: body.note });
      // In force at once: a legit_eval verdict caps the stored score, another verdict lifts an earlier cap.
      await deps.scores.save(accountHash(id), applyVerdictCap(view, verdict, deps.thresholds));
      res.status(201).json(verdict);
    },
  };
}

/** `GET /v1/accounts/:id/verdicts`: every verdict on an account, newest first. */
export function verdictHistoryRoute(deps: FeedbackDeps): Route {
  return {
    access: 'analyst',
    spec: {
      method: 'get',
      path: '/v1/accounts/:id/verdicts',
      operationId: 'listVerdicts',
      summary: 'Verdict history of an account (newest first) and the verdict in force.',
      tags: ['feedback'],
      responses: {
        200: {
          description: 'The history (empty when no verdict was given).',
          name: 'VerdictHistory',
          schema: VerdictHistory,
        },
        400: { description: 'Invalid account id.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      res.json(await deps.verdicts.history(accountIdOf(req.params)));
    },
  };
}

/** `POST /v1/prompts/relabel`: the label a prompt should have had, for the next training run. */
export function relabelRoute(deps: FeedbackDeps & { limits: { maxPromptChars: number } }): Route {
  const schema = createRelabelRequestSchema(deps.limits);
  return {
    access: 'analyst',
    spec: {
      method: 'post',
      path: '/v1/prompts/relabel',
      operationId: 'relabelPrompt',
      summary: 'Relabel a prompt, given as text or as request_id + account_id of a sampled prompt.',
      tags: ['feedback'],
      request: { name: 'RelabelRequest', schema },
      responses: {
        201: { description: 'The recorded relabel.', name: 'Relabel', schema: Relabel },
        400: { description: 'Invalid body.', name: 'ErrorResponse', schema: ErrorResponse },
        413: { description: 'The prompt is over MAX_PROMPT_CHARS.', name: 'ErrorResponse', schema: ErrorResponse },
        404: {
          description: "The request id is not among the account's sampled prompts.",
          name: 'ErrorResponse',
          schema: ErrorResponse,
        },
      },
    },
    handler: async (req, res) => {
      const { analyst: claimed, ...body } = parseBody(schema, req.body);
      const analyst = analystOf(req, claimed);
      res.status(201).json(await deps.relabels.record(body, analyst));
    },
  };
}
