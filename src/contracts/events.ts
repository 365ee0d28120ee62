import { z } from 'zod';
import { AREAS, ATTACK_LABELS, CLASSES } from '../labels.js';
import { AppError, invalidRequest, issuesToDetails, payloadTooLarge } from '../errors.js';
import { AccountId, RequestId } from './identifiers.js';

/**
 * The window of event times the live API accepts, around its own clock: at most `maxAgeMs` in
 * the past and `maxSkewMs` in the future. A history being re-scored has no such clock and
 * bounds its times by its own range instead (features/rescore/score-part.ts).
 */
export interface EventClock {
  now(): number;
  maxAgeMs: number;
  maxSkewMs: number;
}

export interface EventLimits {
  maxPromptChars: number;
  maxEvents: number;
  /** Absent: no window (re-scoring). */
  clock?: EventClock;
}

/** The zod issue param that marks an event time outside the window. */
export const TIMESTAMP_OUT_OF_RANGE = 'timestamp_out_of_range';

const isoTimestamp = () => z.iso.datetime({ offset: true, error: 'expected an ISO 8601 timestamp' });

/** An ISO timestamp that, when a clock is given, lies within its window. */
function timestampField(clock: EventClock | undefined) {
  if (clock === undefined) return isoTimestamp();
  // Checked only once the format is valid (a malformed time gets one issue, not two).
  return isoTimestamp().pipe(
    z.string().superRefine((value, ctx) => {
      const ts = Date.parse(value);
      const now = clock.now();
      if (Number.isFinite(ts) && ts >= now - clock.maxAgeMs && ts <= now + clock.maxSkewMs) return;
      ctx.addIssue({
        code: 'custom',
        message: `timestamp must lie between ${Math.round(clock.maxAgeMs / 1000)} s before and ${Math.round(clock.maxSkewMs / 1000)} s after the server clock`,
        params: { reason: TIMESTAMP_OUT_OF_RANGE },
      });
    }),
  );
}

const labelShape = <T extends z.ZodType>(schema: T) =>
  z.object(
    Object.fromEntries(ATTACK_LABELS.map((label) => [label, schema])) as Record<(typeof ATTACK_LABELS)[number], T>,
  );

export const LabelName = z.enum(CLASSES);

/** Per-prompt labels carried by a pre-labelled history line or returned by the gateway call. */
export const EventLabels = labelShape(z.number().min(0).max(1))
  .extend({ label: LabelName, flagged: z.boolean() })
  .meta({ title: 'EventLabels' });
export type EventLabels = z.infer<typeof EventLabels>;

/** A short name the gateway sends (a model, an access path, a sign-up path): letters, digits and `._/-`, no spaces or colons. */
const GatewayName = (what: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$/, {
    error: `${what} must be 1-128 letters, digits or ._/- (starting with a letter or digit)`,
  });

export const EventMetadata = z.object({
  ip: z.string().min(1).max(64),
  payment_fingerprint: z.string().min(1).max(256),
  user_agent: z.string().max(1024),
  org_id: z.string().min(1).max(256).optional(),
  /** The model the request asked for. */
  model: GatewayName('model').optional(),
  /** How the request reached the API: `direct` or a named platform. */
  access_path: GatewayName('access_path').optional(),
  /** When the account was created. */
  account_created_at: isoTimestamp().optional(),
  /** How the account signed up (for example `standard`, `education`, `research_program`, `startup`). */
  signup_path: GatewayName('signup_path').optional(),
});

/** Optional account and request attributes the gateway may send; a bad value is a 400 `invalid_gateway_field`. */
export const GATEWAY_FIELDS: readonly string[] = ['model', 'access_path', 'account_created_at', 'signup_path'];
export const INVALID_GATEWAY_FIELD = 'invalid_gateway_field';

/** One gateway event: a single request made to the LLM API. */
export function createGatewayEventSchema(limits: Pick<EventLimits, 'maxPromptChars' | 'clock'>) {
  return z
    .object({
      request_id: RequestId,
      account_id: AccountId,
      timestamp: timestampField(limits.clock),
      prompt: z
        .string()
        .min(1, { error: 'prompt must not be empty' })
        .max(limits.maxPromptChars, { error: `prompt is longer than ${limits.maxPromptChars} characters` }),
      metadata: EventMetadata,
    })
    .meta({ title: 'GatewayEvent' });
}
export type GatewayEvent = z.infer<ReturnType<typeof createGatewayEventSchema>>;

/** `POST /v1/events` body: one event, or `{ events: [...] }`. */
export function createEventsRequestSchema(limits: EventLimits) {
  const event = createGatewayEventSchema(limits);
  return z
    .union([
      z.object({
        events: z
          .array(event)
          .min(1, { error: 'events must contain at least one event' })
          .max(limits.maxEvents, { error: `events has more than ${limits.maxEvents} items` }),
      }),
      event,
    ])
    .meta({ title: 'EventsRequest' });
}

/** Validates the whole body; any invalid event rejects the call (nothing is enqueued). */
export function parseEventsRequest(
  schema: ReturnType<typeof createEventsRequestSchema>,
  body: unknown,
): GatewayEvent[] {
  const isBatch = typeof body === 'object' && body !== null && 'events' in body;
  const target = isBatch ? schema.def.options[0] : schema.def.options[1];
  const result = target.safeParse(body);
  if (result.success) return 'events' in result.data ? result.data.events : [result.data];
  const details = issuesToDetails(result.error.issues);
  if (result.error.issues.some((i) => i.code === 'too_big' && i.origin === 'array')) {
    throw payloadTooLarge('Too many events in one call.', 'too_many_items', details);
  }
  const outOfRange = (i: z.core.$ZodIssue) =>
    i.code === 'custom' && (i.params as { reason?: unknown } | undefined)?.reason === TIMESTAMP_OUT_OF_RANGE;
  if (result.error.issues.every(outOfRange))
    throw new AppError(400, TIMESTAMP_OUT_OF_RANGE, 'An event time is outside the accepted window.', details);
  const gatewayField = (i: z.core.$ZodIssue) =>
    i.path[i.path.length - 2] === 'metadata' && GATEWAY_FIELDS.includes(String(i.path[i.path.length - 1]));
  if (result.error.issues.every(gatewayField))
    throw new AppError(400, INVALID_GATEWAY_FIELD, 'An optional gateway field has an invalid value.', details);
  throw invalidRequest('Request body does not match the events contract.', details);
}

/** The job put on the events queue: the event with only a bounded sample of its prompt, plus the gateway's labels and prompt signals. */
export const AccountEventJob = z.object({
  request_id: z.string().min(1),
  account_id: z.string().min(1),
  ts: z.number().int().nonnegative(),
  ip: z.string(),
  payment_fingerprint: z.string(),
  user_agent: z.string(),
  org_id: z.string().optional(),
  model: z.string().optional(),
  access_path: z.string().optional(),
  /** The account's creation time (ms since epoch). */
  created_at: z.number().int().optional(),
  signup_path: z.string().optional(),
  label: LabelName,
  signature: z.string().regex(/^[0-9a-f]{16}$/),
  /** Template skeleton: hashes of the prompt's first and last tokens (absent for short prompts). */
  skeleton: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  area: z.enum(AREAS),
  length: z.number().int().nonnegative(),
  /** The start of the prompt (features/verdicts/prompt-samples.ts), kept in the account's samples for analysts. */
  sample: z.object({ prompt: z.string().max(1000), truncated: z.boolean() }).optional(),
});
export type AccountEventJob = z.infer<typeof AccountEventJob>;

/** Events one events-queue job carries at most. */
export const EVENTS_JOB_MAX_EVENTS = 100;

/**
 * The events queue's job: labelled events applied together (one queue job for many events, so the
 * queue's per-job cost is shared). One event alone is the older form of the same job.
 */
export const AccountEventsJob = z.union([
  z.object({ events: z.array(AccountEventJob).min(1).max(EVENTS_JOB_MAX_EVENTS) }),
  AccountEventJob,
]);
export type AccountEventsJob = z.infer<typeof AccountEventsJob>;

/** The events of an events-queue job, in order, whichever form it has. */
export const eventsOf = (job: AccountEventsJob): AccountEventJob[] => ('events' in job ? job.events : [job]);

const AccountKeyHash = z.string().regex(/^[0-9a-f]{32}$/);

/** Accounts one recompute job names at most. */
export const SCORE_JOB_MAX_ACCOUNTS = 500;

/** The recompute job: accounts (by key hash) whose state changed; one account is the older form of the same job. */
export const AccountScoreJob = z.union([
  z.object({ accounts: z.array(AccountKeyHash).min(1).max(SCORE_JOB_MAX_ACCOUNTS) }),
  z.object({ account: AccountKeyHash }),
]);
export type AccountScoreJob = z.infer<typeof AccountScoreJob>;
