/**
 * API keys with roles. A key list is `role:key,role:key` (from `DISTILL_GUARD_API_KEYS`) or the
 * same entries one per line (from `DISTILL_GUARD_API_KEYS_FILE`, `#` comments allowed). An entry
 * may give the key's SHA-256 instead of the key itself: `role:sha256:<64 hex>`, so a key file
 * need not hold any key in clear. Keys are kept only as SHA-256 digests and compared in constant
 * time; a key is known in logs and metrics by its id, the first 12 hex digits of its digest.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { invalidConfig, type ErrorDetail } from '../../errors.js';

export const ROLES = ['gateway', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller of a request. */
export interface Caller {
  /** Non-secret key identifier (`key_<12 hex>`); `anonymous` when the service runs without keys. */
  keyId: string;
  role: Role;
}

export interface KeyEntry {
  keyId: string;
  role: Role;
  digest: Buffer;
}

/** Keys shorter than this are refused: they could be guessed. */
export const MIN_KEY_LENGTH = 16;

const HASHED = /^sha256:([0-9a-f]{64})$/i;

export const digestKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();
export const keyIdOf = (digest: Buffer): string => `key_${digest.toString('hex').slice(0, 12)}`;

/**
 * Parses a key list. `source` names where it came from for error messages; entries are separated
 * by commas or newlines. Throws one `invalid_config` error naming every bad entry by position
 * (never echoing the key).
 */
export function parseKeyList(text: string, source: string): KeyEntry[] {
  const entries: KeyEntry[] = [];
  const problems: ErrorDetail[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, lineIndex) => {
    const withoutComment = line.replace(/(^|\s)#.*$/, '');
    withoutComment.split(',').forEach((rawEntry, entryIndex) => {
      const entry = rawEntry.trim();
      if (entry === '') return;
      const where = lines.length > 1 ? `line ${lineIndex + 1}` : `entry ${entryIndex + 1}`;
      const colon = entry.indexOf(':');
      const role = colon < 0 ? entry : entry.slice(0, colon);
      const secret = colon < 0 ? '' : entry.slice(colon + 1);
      if (!(ROLES as readonly string[]).includes(role)) {
        problems.push({ path: where, message: `role must be one of ${ROLES.join(', ')} (format role:key)` });
        return;
      }
      const hashed = HASHED.exec(secret);
      if (hashed !== null) {
        const digest = Buffer.from(hashed[1]!.toLowerCase(), 'hex');
        entries.push({ role: role as Role, digest, keyId: keyIdOf(digest) });
        return;
      }
      if (secret.length < MIN_KEY_LENGTH) {
        problems.push({ path: where, message: `key must be at least ${MIN_KEY_LENGTH} characters` });
        return;
      }
      if (/\s/.test(secret)) {
        problems.push({ path: where, message: 'key must not contain whitespace' });
        return;
      }
      const digest = digestKey(secret);
      entries.push({ role: role as Role, digest, keyId: keyIdOf(digest) });
    });
  });
  if (problems.length > 0) {
    throw invalidConfig(
      `Invalid API keys in ${source}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
      problems.map((p) => ({ path: `${source} ${p.path}`, message: p.message })),
    );
  }
  const seen = new Map<string, Role>();
  for (const e of entries) {
    const previous = seen.get(e.keyId);
    if (previous !== undefined && previous !== e.role) {
      throw invalidConfig(
        `Invalid API keys in ${source}: key ${e.keyId} is listed with two roles (${previous}, ${e.role}).`,
      );
    }
    seen.set(e.keyId, e.role);
  }
  return entries;
}

/**
 * Finds the entry whose digest equals the presented key's. Every entry is compared with
 * `timingSafeEqual` and the loop never exits early, so the time taken does not depend on
 * which entry (if any) matched or on how many leading bytes agreed.
 */
export function matchKey(entries: readonly KeyEntry[], presented: string): KeyEntry | undefined {
  const digest = digestKey(presented);
  let found: KeyEntry | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(entry.digest, digest) && found === undefined) found = entry;
  }
  return found;
}
