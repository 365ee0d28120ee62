import { z } from 'zod';
import { ATTACK_LABELS, CLASSES } from '../labels.js';
import { EventLabels } from './events.js';
import { AccountSamples, Verdict } from './verdicts.js';

export const LEVELS = ['low', 'elevated', 'high', 'critical'] as const;
export const ACTIONS = ['allow', 'monitor', 'throttle', 'block'] as const;
export type Level = (typeof LEVELS)[number];
export type Action = (typeof ACTIONS)[number];

export const TopFactor = z
  .object({
    factor: z.string().describe('Feature name.'),
    contribution: z.number().describe('weight × (value − legitimate reference), in log-odds.'),
    detail: z.string().describe('Human-readable evidence.'),
  })
  .meta({ title: 'TopFactor' });
export type TopFactor = z.infer<typeof TopFactor>;

export const LabelCounts = z.object(
  Object.fromEntries(CLASSES.map((l) => [l, z.number().int().nonnegative()])) as Record<
    (typeof ATTACK_LABELS)[number] | 'benign',
    z.ZodNumber
  >,
);
export type LabelCounts = z.infer<typeof LabelCounts>;

/** The stored, scored state of one account (also each line of `distill-guard rescore`, plus features). */
export const AccountView = z
  .object({
    account_id: z.string(),
    likelihood: z.number().min(0).max(1),
    level: z.enum(LEVELS),
    action: z.enum(ACTIONS),
    cluster_id: z.string().nullable(),
    own_likelihood: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Present for cluster members: the likelihood from the account's own traffic, before the cluster term."),
    verdict_cap: z
      .object({
        verdict: z.literal('legit_eval'),
        likelihood: z.number().min(0).max(1),
        level: z.enum(LEVELS),
        action: z.enum(ACTIONS),
      })
      .optional()
      .describe(
        'Present when an analyst verdict caps the account (legit_eval): the likelihood, level and action before the cap.',
      ),
    contract_cap: z
      .object({
        signup_path: z.string(),
        likelihood: z.number().min(0).max(1),
        level: z.enum(LEVELS),
        action: z.enum(ACTIONS),
        in_force: z.boolean(),
      })
      .optional()
      .describe(
        'Present when the account signed up through a contract path (ACCOUNT_CONTRACT_SIGNUP_PATHS) and its score reached high: the likelihood, level and action before the cap, and whether the cap is in force (a confirmed_attacker verdict lifts it).',
      ),
    requests: z.number().int().nonnegative(),
    label_counts: LabelCounts,
    top_factors: z.array(TopFactor),
    features: z.record(z.string(), z.number()),
    updated_at: z.string().nullable(),
    verdict: Verdict.nullable().optional().describe('The analyst verdict in force (GET /v1/accounts/:id only).'),
    samples: AccountSamples.optional().describe('Recent prompts per label (GET /v1/accounts/:id only).'),
  })
  .meta({ title: 'AccountView' });
export type AccountView = z.infer<typeof AccountView>;

export const AccountBrief = z
  .object({
    likelihood: z.number().min(0).max(1),
    level: z.enum(LEVELS),
    action: z.enum(ACTIONS),
    updated_at: z.string().nullable(),
    stale: z
      .boolean()
      .optional()
      .describe(
        'Present and true when Redis did not answer in time: the last verdict this process saw (or the unknown-account one).',
      ),
  })
  .meta({ title: 'AccountBrief' });
export type AccountBrief = z.infer<typeof AccountBrief>;

export const EventResult = z
  .object({
    request_id: z.string(),
    labels: EventLabels,
    model_version: z.string().optional().describe('Version of the prompt head that labelled this prompt.'),
    account: AccountBrief,
  })
  .meta({ title: 'EventResult' });
export type EventResult = z.infer<typeof EventResult>;

export const EventsResponse = z
  .union([EventResult, z.object({ results: z.array(EventResult) })])
  .meta({ title: 'EventsResponse' });

export const AccountListQuery = z.object({
  min_likelihood: z.coerce.number().min(0).max(1).optional(),
  level: z.enum(LEVELS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;

export const AccountList = z
  .object({ accounts: z.array(AccountView), next_cursor: z.string().nullable() })
  .meta({ title: 'AccountList' });
export type AccountList = z.infer<typeof AccountList>;

/** One output line of `distill-guard rescore`. */
export type RescoreLine = Omit<AccountView, 'features' | 'updated_at'>;
