/**
 * Coordinated-account clusters ("hydra clusters"): the object the API returns and each line of
 * `distill-guard clusters --output clusters.jsonl` (the same schema). `cluster_id`, `score` and
 * `members` are read back by `rescore --clusters`.
 */
import { z } from 'zod';
import { LEVELS, LabelCounts } from './accounts.js';

export const IDENTIFIER_KINDS = ['ip', 'payment_fingerprint', 'user_agent', 'org_id'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const EVIDENCE_KINDS = ['shared_identifier', 'template_overlap', 'co_activity', 'label_mix'] as const;
export const CO_ACTIVITY_WINDOWS = ['5m', '1h'] as const;
export type CoActivityWindow = (typeof CO_ACTIVITY_WINDOWS)[number];

export const ClusterEvidence = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    identifier: z.enum(IDENTIFIER_KINDS).optional().describe('For shared_identifier: which identifier.'),
    value: z.string().optional().describe('For shared_identifier: the shared value.'),
    window: z.enum(CO_ACTIVITY_WINDOWS).optional().describe('For co_activity: the slot size.'),
    accounts: z.number().int().nonnegative().describe('Members that show this evidence.'),
    pairs: z.number().int().nonnegative().describe('Member pairs tied by it.'),
    requests: z.number().int().nonnegative().optional().describe("Members' requests that carry it."),
    population_accounts: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('Base rate: accounts in the whole window that share this value, members included.'),
    detail: z.string().describe('Human-readable evidence.'),
  })
  .meta({ title: 'ClusterEvidence' });
export type ClusterEvidence = z.infer<typeof ClusterEvidence>;

export const ClusterDay = z.object({
  date: z.string().describe('UTC date, YYYY-MM-DD.'),
  requests: z.number().int().nonnegative(),
  accounts: z.number().int().nonnegative().describe('Members active that day.'),
});

export const ClusterTimeline = z
  .object({
    first_seen: z.string().nullable(),
    last_seen: z.string().nullable(),
    active_hours: z.number().int().nonnegative().describe('Hours in which any member was active.'),
    peak_hour: z
      .object({ hour: z.string(), requests: z.number().int().nonnegative(), accounts: z.number().int().nonnegative() })
      .nullable(),
    daily: z.array(ClusterDay),
  })
  .meta({ title: 'ClusterTimeline' });
export type ClusterTimeline = z.infer<typeof ClusterTimeline>;

/** One cluster; also one line of `clusters.jsonl`. Deterministic for the same input. */
export const Cluster = z
  .object({
    cluster_id: z.string().describe('Hash of the sorted member list: the same members give the same id.'),
    score: z.number().min(0).max(1).describe("Campaign score: coordination × the members' attack evidence."),
    level: z.enum(LEVELS),
    size: z.number().int().positive(),
    members: z.array(z.string()).describe('Account ids, sorted.'),
    requests: z.number().int().nonnegative(),
    label_counts: LabelCounts,
    coordination: z.number().min(0).max(1).describe('How strongly the members are tied to each other.'),
    attack: z.number().min(0).max(1).describe("Attack evidence of the members' own traffic."),
    evidence: z.array(ClusterEvidence),
    timeline: ClusterTimeline,
  })
  .meta({ title: 'Cluster' });
export type Cluster = z.infer<typeof Cluster>;

/** The fields another tool needs from a `clusters.jsonl` line (extra fields are ignored). */
export const ClusterLineRef = z.looseObject({
  cluster_id: z.string().min(1),
  score: z.number().min(0).max(1),
  members: z.array(z.string().min(1)).min(1),
});
export type ClusterLineRef = z.infer<typeof ClusterLineRef>;

export const ClusterListQuery = z.object({
  min_score: z.coerce.number().min(0).max(1).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
export type ClusterListQuery = z.infer<typeof ClusterListQuery>;

export const ClusterList = z
  .object({
    clusters: z.array(Cluster),
    generated_at: z.string().nullable().describe('When the cluster pass that produced these ran.'),
  })
  .meta({ title: 'ClusterList' });
export type ClusterList = z.infer<typeof ClusterList>;

/** What an account's scoring needs to know about its cluster. */
export interface ClusterMembership {
  cluster_id: string;
  score: number;
  size: number;
  /** Short summary of the strongest ties, for the account's top factor. */
  summary: string;
}
