/**
 * Coordinated-account clusters ("hydra clusters"): the object the API returns and each line of
 * `distill-guard clusters --output clusters.jsonl` (the same schema). `cluster_id`, `score` and
 * `members` are read back by `rescore --clusters`.
 */
import { z } from 'zod';
import { LEVELS, LabelCounts } from './accounts.js';
import { ATTACK_LABELS } from '../labels.js';

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

/**
 * What ties the members together, one signal at a time. `strength` is the share of members that
 * show it (0–1); a signal is listed only when at least two members show it. `shared_ip_ua` is an
 * upper bound (members using both a shared IP and a shared user agent).
 */
export const LINK_SIGNALS = [
  'shared_payment',
  'shared_ip',
  'shared_ip_ua',
  'shared_org',
  'identifier_rotation',
  'content_template',
  'synchronised_timing',
  'daily_burst',
  'gateway_sync',
] as const;
export type LinkSignal = (typeof LINK_SIGNALS)[number];

/**
 * How the members share, read as a fraud team reads it:
 * - `rotating_identifiers`: several payment fingerprints rotated over many IPs (proxies) — a campaign's signature;
 * - `shared_payment`: one or two payment fingerprints, varied IPs (a class on a university card, a family, or a one-card campaign);
 * - `shared_nat`: one IP, usually one card, for every member (a company behind NAT, or a campaign on one exit);
 * - `shared_exit`: a few IPs shared without a common card (CGNAT, a VPN exit);
 * - `template_and_timing`: no identifiers in common; the same prompt templates at the same times (per-account proxies);
 * - `content_template`, `synchronised_timing`: one behavioural tie alone;
 * - `mixed`: none of these dominates.
 * The pattern describes the tie, not guilt: the score and pooled evidence carry that.
 */
export const LINK_PATTERNS = [
  'rotating_identifiers',
  'shared_payment',
  'shared_nat',
  'shared_exit',
  'template_and_timing',
  'content_template',
  'synchronised_timing',
  'mixed',
] as const;
export type LinkPattern = (typeof LINK_PATTERNS)[number];

export const ClusterLinkSignal = z.object({
  signal: z.enum(LINK_SIGNALS),
  strength: z.number().min(0).max(1).describe('Share of members that show this tie.'),
  accounts: z.number().int().nonnegative().describe('Members that show it.'),
  values: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('For identifier signals: distinct shared values (cards, IPs, …) across members.'),
});
export type ClusterLinkSignal = z.infer<typeof ClusterLinkSignal>;

export const ClusterLink = z
  .object({
    pattern: z.enum(LINK_PATTERNS),
    signals: z.array(ClusterLinkSignal).describe('Strongest first.'),
    detail: z.string().describe('Human-readable summary of the tie.'),
    declared_organisation: z
      .boolean()
      .optional()
      .describe(
        'Every member carries the same org id and payment fingerprint and none rotates identifiers: one customer acting openly. Its cluster never lifts members (their own traffic and the org verdict judge them).',
      ),
  })
  .meta({ title: 'ClusterLink' });
export type ClusterLink = z.infer<typeof ClusterLink>;

export const AttackLabelCounts = z.object(
  Object.fromEntries(ATTACK_LABELS.map((l) => [l, z.number().int().nonnegative()])) as Record<
    (typeof ATTACK_LABELS)[number],
    z.ZodNumber
  >,
);
export type AttackLabelCounts = z.infer<typeof AttackLabelCounts>;

/** The members' label evidence pooled as one actor's: fifty small accounts judged as one. */
export const ClusterPooledEvidence = z
  .object({
    requests: z.number().int().nonnegative().describe('Requests of all members in the window.'),
    attack_requests: z.number().int().nonnegative().describe('Member requests that carry any attack label.'),
    attack_label_counts: AttackLabelCounts.describe('Member requests per attack label.'),
    attack_accounts: z.number().int().nonnegative().describe('Members with at least one attack-labelled request.'),
    attack_share: z.number().min(0).max(1).describe('attack_requests / requests.'),
  })
  .meta({ title: 'ClusterPooledEvidence' });
export type ClusterPooledEvidence = z.infer<typeof ClusterPooledEvidence>;

/** One cluster; also one line of `clusters.jsonl`. Deterministic for the same input. */
export const Cluster = z
  .object({
    cluster_id: z.string().describe('Hash of the sorted member list: the same members give the same id.'),
    score: z.number().min(0).max(1).describe("Campaign score: coordination × the members' attack evidence."),
    level: z.enum(LEVELS),
    size: z.number().int().positive().describe('Member count.'),
    members: z.array(z.string()).describe('Account ids, sorted.'),
    requests: z.number().int().nonnegative(),
    label_counts: LabelCounts,
    coordination: z.number().min(0).max(1).describe('How strongly the members are tied to each other.'),
    attack: z.number().min(0).max(1).describe("Attack evidence of the members' own traffic."),
    link: ClusterLink.describe('Which identifiers or behaviour link the members.'),
    pooled: ClusterPooledEvidence.describe("The members' label evidence pooled."),
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
  /** From a full cluster (absent when a clusters file lists only id, score and members). */
  coordination?: number;
  link_pattern?: LinkPattern;
  pooled?: ClusterPooledEvidence;
}
