/**
 * `distill-guard/client`: a small typed client for Node gateways. Every call has a deadline and
 * fails open: on timeout, network error or a non-2xx answer it resolves `{ ok: false, failOpen: true }`
 * so the gateway serves the request instead of failing with the guard.
 */
export interface GatewayEvent {
  request_id: string;
  account_id: string;
  /** ISO 8601. */
  timestamp: string;
  prompt: string;
  metadata: { ip: string; payment_fingerprint: string; user_agent: string; org_id?: string };
}

export type Level = 'low' | 'elevated' | 'high' | 'critical';
export type Action = 'allow' | 'monitor' | 'throttle' | 'block';

export interface EventVerdict {
  request_id: string;
  labels: {
    reasoning_trace_extraction: number;
    rubric_grading: number;
    censorship_rewrite: number;
    label: 'reasoning_trace_extraction' | 'rubric_grading' | 'censorship_rewrite' | 'benign';
    flagged: boolean;
  };
  /** `stale: true`: the service could not reach its store in time; this is the last verdict it saw. */
  account: { likelihood: number; level: Level; action: Action; updated_at: string | null; stale?: boolean };
}

export type AttackLabel = 'reasoning_trace_extraction' | 'rubric_grading' | 'censorship_rewrite';

/** One prompt's result from `POST /v1/classify`. */
export interface ClassifyResult {
  flagged: boolean;
  label: AttackLabel | 'benign';
  categories: Record<AttackLabel, boolean>;
  category_scores: Record<AttackLabel, number>;
  model_version: string;
  prescreened?: true;
  /** The prompt's language (ISO 639-1, e.g. `en`, `ja`; `und` when it has no letters). */
  language: string;
  /** False when the model was not trained for `language`: a `benign` label then means "not judged". */
  supported: boolean;
}

export interface ClassifyResponse {
  id: string;
  model: string;
  results: ClassifyResult[];
}

export interface AccountState {
  account_id: string;
  likelihood: number;
  level: Level;
  action: Action;
  cluster_id: string | null;
  requests: number;
  label_counts: Record<string, number>;
  top_factors: { factor: string; contribution: number; detail: string }[];
  features: Record<string, number>;
  updated_at: string | null;
}

export type Result<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      failOpen: true;
      reason: 'timeout' | 'network' | 'http';
      status?: number;
      code?: string;
      message: string;
    };

export interface ClientOptions {
  /** e.g. http://distill-guard:8080 */
  baseUrl: string;
  /** Deadline per call in ms (default 50). */
  timeoutMs?: number;
  /** API key (gateway role for events; analyst or admin for accounts), sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Extra headers (e.g. authorization for a proxy in front of the service). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export interface DistillGuardClient {
  /** Reports one request; the answer carries the prompt labels and the account's current verdict. */
  reportEvent(event: GatewayEvent, opts?: { timeoutMs?: number }): Promise<Result<EventVerdict>>;
  reportEvents(events: GatewayEvent[], opts?: { timeoutMs?: number }): Promise<Result<{ results: EventVerdict[] }>>;
  /** Labels prompts without recording an event (one result per prompt, in order). */
  classify(input: string | string[], opts?: { timeoutMs?: number }): Promise<Result<ClassifyResponse>>;
  /** The account's stored state; `value` is null for an account never seen. */
  getAccount(accountId: string, opts?: { timeoutMs?: number }): Promise<Result<AccountState | null>>;
}

export function createClient(options: ClientOptions): DistillGuardClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    notFoundAs?: T,
  ): Promise<Result<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.apiKey !== undefined ? { authorization: `Bearer ${options.apiKey}` } : {}),
          ...options.headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: controller.signal,
      });
      const text = await res.text();
      if (res.status === 404 && notFoundAs !== undefined) return { ok: true, value: notFoundAs };
      if (!res.ok) {
        let code: string | undefined;
        let message = `HTTP ${res.status}`;
        try {
          const err = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
          code = err?.code;
          message = err?.message ?? message;
        } catch {
          // not JSON
        }
        return {
          ok: false,
          failOpen: true,
          reason: 'http',
          status: res.status,
          ...(code !== undefined ? { code } : {}),
          message,
        };
      }
      return { ok: true, value: JSON.parse(text) as T };
    } catch (err) {
      if (controller.signal.aborted)
        return { ok: false, failOpen: true, reason: 'timeout', message: `no answer within ${timeoutMs} ms` };
      return {
        ok: false,
        failOpen: true,
        reason: 'network',
        message: err instanceof Error ? err.message : String(err),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  const deadline = (o?: { timeoutMs?: number }) => o?.timeoutMs ?? options.timeoutMs ?? 50;
  return {
    reportEvent: (event, o) => call('POST', '/v1/events', event, deadline(o)),
    reportEvents: (events, o) => call('POST', '/v1/events', { events }, deadline(o)),
    classify: (input, o) => call('POST', '/v1/classify', { input }, deadline(o)),
    getAccount: (id, o) =>
      call<AccountState | null>('GET', `/v1/accounts/${encodeURIComponent(id)}`, undefined, deadline(o), null),
  };
}
