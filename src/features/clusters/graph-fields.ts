/**
 * What one request contributes to the account graph, as named counters. The Redis recorder
 * increments exactly these fields in the account's day hash, and the offline path adds them up in
 * memory, so both build the same account nodes.
 *
 *   n                    requests
 *   l:<label>            requests per prompt label
 *   i:<kind>:<hash>      requests per identifier value (kind: ip, pf, ua, org; value hashed)
 *   t:<band>:<bits>      requests per template key: a 16-bit band (0-3) of the prompt's SimHash,
 *                        or the head (h) or tail (e) hash of its template skeleton
 *   s:<slot>             requests per 5-minute slot (ms since epoch / 300 000)
 *   q:<hour>:<h|e>:<hash> requests per template skeleton half per hour (when the template was used)
 *   a:<slot>             requests that stated the account's creation time, by its 5-minute slot
 *   m:<slot>:<model>     requests per model the gateway named, per 5-minute slot
 *   u:<path>             requests that stated the account's sign-up path
 * Events without the optional gateway fields add none of the last three.
 */
import type { AccountEventJob } from '../../contracts/events.js';
import type { IdentifierKind } from '../../contracts/clusters.js';
import { valueHash } from '../aggregate/redis-keys.js';

export type GraphEvent = Pick<
  AccountEventJob,
  | 'account_id'
  | 'ts'
  | 'ip'
  | 'payment_fingerprint'
  | 'user_agent'
  | 'org_id'
  | 'label'
  | 'signature'
  | 'skeleton'
  | 'model'
  | 'created_at'
  | 'signup_path'
>;

export const SLOT_MS = 300_000;
export const TEMPLATE_BANDS = 4;

/** Short field codes of the identifier kinds. */
export const ID_CODES: Record<IdentifierKind, string> = {
  ip: 'ip',
  payment_fingerprint: 'pf',
  user_agent: 'ua',
  org_id: 'org',
};
export const KIND_OF_CODE: Record<string, IdentifierKind> = {
  ip: 'ip',
  pf: 'payment_fingerprint',
  ua: 'user_agent',
  org: 'org_id',
};

/** Identifier values of one event, by kind. */
export function identifiers(e: GraphEvent): [IdentifierKind, string][] {
  const out: [IdentifierKind, string][] = [
    ['ip', e.ip],
    ['payment_fingerprint', e.payment_fingerprint],
    ['user_agent', e.user_agent],
  ];
  if (e.org_id !== undefined) out.push(['org_id', e.org_id]);
  return out;
}

/** Template keys of a request (without the `t:` field prefix): four 16-bit SimHash bands, then its skeleton's head and tail. */
export function templateKeysOf(signature: string, skeleton: string | undefined): string[] {
  const out: string[] = [];
  for (let b = 0; b < TEMPLATE_BANDS; b++) out.push(`${b}:${signature.slice(b * 4, b * 4 + 4)}`);
  if (skeleton !== undefined) out.push(`h:${skeleton.slice(0, 8)}`, `e:${skeleton.slice(8, 16)}`);
  return out;
}

/** Whether a template key is a skeleton half rather than a SimHash band. */
export const isSkeletonKey = (key: string): boolean => key.charCodeAt(0) === 104 || key.charCodeAt(0) === 101;

/** A request's skeleton halves in its hour (`<hour>:<h|e>:<hash>`): which template was used when. */
export function timedSkeletonKeys(ts: number, skeleton: string | undefined): string[] {
  if (skeleton === undefined) return [];
  const hour = Math.floor(ts / 3_600_000);
  return [`${hour}:h:${skeleton.slice(0, 8)}`, `${hour}:e:${skeleton.slice(8, 16)}`];
}

/** Template keys of a request as counter fields. */
export function templateKeys(signature: string, skeleton?: string): string[] {
  return templateKeysOf(signature, skeleton).map((k) => `t:${k}`);
}

/** Counters of the optional gateway fields (account creation slot, model per slot, sign-up path). */
export function gatewayCounters(e: GraphEvent): string[] {
  const out: string[] = [];
  if (e.created_at !== undefined) out.push(`a:${Math.floor(e.created_at / SLOT_MS)}`);
  if (e.model !== undefined) out.push(`m:${Math.floor(e.ts / SLOT_MS)}:${e.model}`);
  if (e.signup_path !== undefined) out.push(`u:${e.signup_path}`);
  return out;
}

/** Hashes identifier values, remembering each one (values repeat a lot). */
export function createValueHasher(): (value: string) => string {
  const cache = new Map<string, string>();
  return (value) => {
    let h = cache.get(value);
    if (h === undefined) {
      h = valueHash(value);
      if (cache.size > 1_000_000) cache.clear();
      cache.set(value, h);
    }
    return h;
  };
}

/**
 * What one event adds to its account's day hash, besides `n` (the request count, which the
 * recorder uses to detect the account's first request of the day): the counters it increments
 * (label, slot, template bands) and, per identifier, its counter field with the value's hash and
 * raw value (kept once per day for readable evidence).
 */
export function eventFields(
  e: GraphEvent,
  hash: (value: string) => string,
): { counters: string[]; identifiers: [field: string, hash: string, raw: string][] } {
  const counters = [
    `l:${e.label}`,
    `s:${Math.floor(e.ts / SLOT_MS)}`,
    ...templateKeys(e.signature, e.skeleton),
    ...timedSkeletonKeys(e.ts, e.skeleton).map((k) => `q:${k}`),
    ...gatewayCounters(e),
  ];
  const ids: [string, string, string][] = [];
  for (const [kind, value] of identifiers(e)) {
    const h = hash(value);
    ids.push([`i:${ID_CODES[kind]}:${h}`, h, value]);
  }
  return { counters, identifiers: ids };
}
