/** Accounts, identifiers and the gateway's (partial) metadata for each request. */
import type { Rng } from './rng.js';
import type { AccessPath, Account, DraftEvent, Metadata, Models, SignupPath } from './types.js';
import type { World } from './world.js';
import { HOUR } from './timing.js';

export class Registry {
  readonly accountIds = new Set<string>();
  readonly orgIds = new Set<string>();
}

function unique(rng: Rng, set: Set<string>, prefix: string, len: number): string {
  for (;;) {
    const id = `${prefix}${rng.base36(len)}`;
    if (!set.has(id)) {
      set.add(id);
      return id;
    }
  }
}

export interface NewAccount {
  createdAt: number;
  signupPath?: SignupPath;
  accessPath?: AccessPath;
  orgId?: string;
  campaignId?: string | null;
}

export function newAccount(rng: Rng, reg: Registry, o: NewAccount): Account {
  return {
    id: unique(rng, reg.accountIds, 'acct_', 14),
    createdAt: Math.floor(o.createdAt),
    signupPath: o.signupPath ?? 'standard',
    accessPath: o.accessPath ?? 'direct',
    ...(o.orgId ? { orgId: o.orgId } : {}),
    campaignId: o.campaignId ?? null,
  };
}

export function newOrgId(rng: Rng, reg: Registry): string {
  return unique(rng, reg.orgIds, 'org_', 12);
}

export function newCard(rng: Rng): string {
  return `pf_${rng.base36(16)}`;
}

/** Identifiers a request is sent with (before the gateway/platform rewrites anything). */
export interface Ident {
  ip: string;
  pf: string;
  ua: string;
}

export function iso(t: number): string {
  return new Date(t).toISOString();
}

/**
 * Build the event as the gateway logs it. Optional fields are present for a realistic share of traffic:
 * reseller platforms rarely forward account attributes, older gateway nodes omit the model or access path.
 * Platform cloud-b hides the client address behind its egress; cloud-a forwards it most of the time.
 */
export function emit(
  rng: Rng,
  world: World,
  acct: Account,
  t: number,
  prompt: string,
  id: Ident,
  model: string,
): DraftEvent {
  const reseller = acct.accessPath !== 'direct';
  let ip = id.ip;
  if (acct.accessPath === 'cloud-b' || (acct.accessPath === 'cloud-a' && rng.chance(0.3))) {
    ip = rng.pick(world.platformEgress[acct.accessPath]);
  }
  const meta: Metadata = { ip, payment_fingerprint: id.pf, user_agent: id.ua };
  if (acct.orgId && rng.chance(reseller ? 0.5 : 0.93)) meta.org_id = acct.orgId;
  if (rng.chance(0.9)) meta.model = model;
  if (rng.chance(reseller ? 0.97 : 0.8)) meta.access_path = acct.accessPath;
  if (rng.chance(reseller ? 0.05 : 0.62)) {
    meta.account_created_at = iso(acct.createdAt);
    if (rng.chance(0.92)) meta.signup_path = acct.signupPath;
  }
  return { accountId: acct.id, t: Math.floor(t), prompt, meta };
}

/** Legit model adoption after the new release: with probability `prob` per request once `lagHours` passed. */
export function adoptModel(rng: Rng, models: Models, t: number, prob: number, lagHours: number): string {
  if (t >= models.nextReleaseAt + lagHours * HOUR && rng.chance(prob)) return models.next;
  return models.current;
}
