/**
 * Runs an attack campaign: account lifecycles (including hydra churn), identifier strategies over proxy
 * pools, coordinated timing, attack/camouflage mixing and synchronized model switching.
 */
import { browserUa, mobileUa, scriptUa, sdkUa } from './agents.js';
import { emit, newAccount, newCard, newOrgId, type Ident, type Registry } from './accounts.js';
import type { CampaignParams, IdStrategy } from './campaign-params.js';
import { chatPrompt } from '../prompts/benign.js';
import { clamp, type Rng } from './rng.js';
import {
  burstyTimes,
  DAY,
  HOUR,
  humanTimes,
  lockstepTimes,
  lowAndSlowTimes,
  makeBursts,
  MIN,
  type Span,
} from './timing.js';
import type { Account, DraftEvent, GenerationContext, FamilyResult } from './types.js';

export interface AttackRequest {
  rng: Rng;
  account: Account;
  index: number;
  t: number;
}
export type AttackContent = (req: AttackRequest) => string;

interface Plan {
  span: Span;
  createdAt: number;
}

/** Account spans: steady accounts, or hydra slots where each banned account is replaced by a new one. */
function planAccounts(rng: Rng, ctx: GenerationContext, p: CampaignParams): Plan[] {
  const { start, end } = ctx.window;
  const len = end - start;
  const batches = Array.from(
    { length: p.creation_batches },
    () => start - rng.float(p.account_age_days[0], p.account_age_days[1]) * DAY,
  );
  const preCreated = () => rng.pick(batches) + rng.float(0, 40) * MIN;
  if (!p.churn) {
    return Array.from({ length: p.accounts }, () => {
      const from = rng.chance(0.25) ? start + rng.float(0, 0.5) * len : start;
      const to = rng.chance(0.2) ? Math.max(from + 12 * HOUR, end - rng.float(0, 0.3) * len) : end;
      const createdAt = from === start ? preCreated() : Math.min(from - 5 * MIN, preCreated() + (from - start));
      return { span: { from, to: Math.min(end, to) }, createdAt };
    });
  }
  const slots = clamp(p.churn.slots, 1, p.accounts);
  const perSlot = new Array<number>(slots).fill(1);
  for (let i = slots; i < p.accounts; i++) perSlot[rng.int(0, slots - 1)]! += 1;
  const plans: Plan[] = [];
  const [dMin, dMax] = p.churn.replacement_delay_min;
  for (const g of perSlot) {
    const cuts = [0, ...Array.from({ length: g - 1 }, () => rng.next()).sort((a, b) => a - b), 1];
    for (let k = 0; k < g; k++) {
      const from = start + (cuts[k] ?? 0) * len + (k === 0 ? 0 : rng.float(dMin, dMax) * MIN);
      const to = Math.max(from + 30 * MIN, start + (cuts[k + 1] ?? 1) * len);
      const createdAt = k === 0 ? preCreated() : from - rng.float(2, 90) * MIN;
      plans.push({ span: { from: Math.min(from, end - 30 * MIN), to: Math.min(end, to) }, createdAt });
    }
  }
  return plans;
}

/** The IPs of the proxy source a campaign draws its exits from. */
export function proxyIps(world: GenerationContext['world'], source: CampaignParams['ip_source']): string[] {
  return source === 'commercial_proxy'
    ? world.commercialProxy.ips
    : source === 'datacenter_proxy'
      ? world.datacenterProxy.ips
      : world.residentialProxy.ips;
}

/** `n` request times for one campaign timing mode over a span (the campaign's own dispatcher or operators). */
export function campaignModeTimes(
  rng: Rng,
  p: CampaignParams,
  n: number,
  span: Span,
  bursts: ReturnType<typeof makeBursts>,
): number[] {
  const d = p.timing_detail;
  switch (p.timing) {
    case 'lockstep':
      return lockstepTimes(rng, n, span, {
        periodSec: d.period_sec ?? 60,
        phaseMs: 0,
        jitterMs: d.jitter_ms ?? 1000,
        dutyHours: d.duty_hours ?? 24,
        dutyStartHour: d.duty_start_hour ?? 0,
        tzHours: p.operator_tz,
      });
    case 'bursty':
      return burstyTimes(rng, n, span, bursts, d.join_prob ?? 0.7);
    case 'human':
      return humanTimes(rng, n, span, {
        tzHours: p.operator_tz,
        profile: 'shift',
        weekendFactor: d.weekend_factor ?? 0.8,
        sessionMean: d.session_mean ?? 8,
        gapMedianSec: d.gap_median_sec ?? 40,
      });
    default:
      return lowAndSlowTimes(rng, n, span, p.operator_tz);
  }
}

/**
 * A picker for one identifier kind according to its strategy:
 *  shared: a handful of values for the whole campaign, each account uses one or two of them;
 *  rotated: a larger campaign pool; every request (IP, UA) or every account's small rotation (cards) draws from it;
 *  per_account: fresh values owned by one account (occasionally a second one);
 *  mixed: each account independently follows one of the above.
 */
function identPicker<T>(
  rng: Rng,
  strategy: IdStrategy,
  fresh: () => T,
  rotPool: T[],
  perRequest: boolean,
  sharedCount: [number, number],
) {
  const shared = Array.from({ length: rng.int(sharedCount[0], sharedCount[1]) }, fresh);
  return (acctRng: Rng): ((r: Rng) => T) => {
    const mode = strategy === 'mixed' ? acctRng.pick(['shared', 'per_account', 'rotated'] as const) : strategy;
    if (mode === 'shared') {
      const mine = acctRng.sample(shared, acctRng.int(1, Math.min(2, shared.length)));
      return (r) => r.pick(mine);
    }
    if (mode === 'per_account') {
      const mine = Array.from({ length: acctRng.chance(0.2) ? 2 : 1 }, fresh);
      return (r) => (mine.length > 1 && r.chance(0.15) ? mine[1]! : mine[0]!);
    }
    if (perRequest) return (r) => r.pick(rotPool);
    const mine = acctRng.sample(rotPool, acctRng.int(1, 3));
    return (r) => r.pick(mine);
  };
}

export function runCampaign(
  ctx: GenerationContext,
  reg: Registry,
  p: CampaignParams,
  attack: AttackContent,
  extraParams: Record<string, unknown> = {},
): FamilyResult {
  const rng = ctx.rng.fork(`campaign:${p.campaign_id}`);
  const { world, models } = ctx;
  const ipPool = proxyIps(world, p.ip_source);
  const slice = rng.sample(ipPool, Math.max(8, Math.floor(ipPool.length * rng.float(0.3, 1))));
  const uaList = Array.from({ length: 24 }, () =>
    rng.weighted([
      [browserUa(rng), 6],
      [sdkUa(rng), 3],
      [mobileUa(rng), 1],
    ] as const),
  );
  const campaignUa = rng.chance(0.5) ? scriptUa(rng) : sdkUa(rng);
  const cardPool = Array.from({ length: Math.max(3, Math.round(p.accounts / rng.float(2, 6))) }, () => newCard(rng));
  const ipPick = identPicker(rng, p.identifiers.ip, () => rng.pick(slice), slice, true, [1, 4]);
  const cardPick = identPicker(rng, p.identifiers.payment, () => newCard(rng), cardPool, false, [2, 6]);
  const uaPick = identPicker(
    rng,
    p.identifiers.user_agent,
    () => (p.identifiers.user_agent === 'shared' ? campaignUa : rng.pick(uaList)),
    uaList,
    true,
    [1, 1],
  );
  const camoWeights = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1]));
  const camoZh = p.camouflage.sources.some((s) => s.endsWith('_zh'));
  const orgShared = Array.from({ length: rng.int(3, 10) }, () => newOrgId(rng, reg));
  const orgOf = (r: Rng): string | undefined => {
    switch (p.identifiers.org) {
      case 'none':
        return undefined;
      case 'shared':
        return orgShared[0];
      case 'rotated':
        return r.pick(orgShared);
      case 'per_account':
        return newOrgId(r, reg);
      default:
        return r.chance(0.4) ? undefined : r.chance(0.5) ? r.pick(orgShared) : newOrgId(r, reg);
    }
  };
  const shared = {
    bursts: makeBursts(
      rng,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    ),
  };
  const switchAt = models.nextReleaseAt + (p.model_switch?.delay_hours ?? 0) * HOUR;
  const accounts: Account[] = [];
  const events: DraftEvent[] = [];
  for (const plan of planAccounts(rng, ctx, p)) {
    const ar = rng.fork(`acct:${accounts.length}`);
    const orgId = orgOf(ar);
    const acct = newAccount(ar, reg, {
      createdAt: Math.min(plan.createdAt, plan.span.from - MIN),
      signupPath: ar.weightedKey(p.signup_paths as Record<string, number>) as Account['signupPath'],
      accessPath: ar.weightedKey(p.access_paths as Record<string, number>) as Account['accessPath'],
      ...(orgId ? { orgId } : {}),
      campaignId: p.campaign_id,
    });
    accounts.push(acct);
    const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
    const share = clamp(ar.normal(p.attack_share, 0.08), 0.1, 0.9);
    const ip = ipPick(ar);
    const card = cardPick(ar);
    const ua = uaPick(ar);
    const switcher = p.model_switch?.mode === 'accounts' ? ar.chance(p.model_switch.fraction) : false;
    const mySwitch = switchAt + ar.float(0, p.model_switch?.ramp_hours ?? 0) * HOUR;
    const times = campaignModeTimes(ar, p, n, plan.span, shared.bursts);
    times.forEach((t, index) => {
      const prompt = ar.chance(share)
        ? attack({ rng: ar, account: acct, index, t })
        : chatPrompt(ar, ctx.data, camoWeights, camoZh && ar.chance(0.5));
      let model = models.current;
      if (p.model_switch && t >= switchAt) {
        const ms = p.model_switch;
        const progress = Math.min(1, (t - switchAt) / Math.max(1, ms.ramp_hours * HOUR));
        if (ms.mode === 'accounts' ? switcher && t >= mySwitch : ar.chance(ms.fraction * progress)) model = models.next;
      }
      const id: Ident = { ip: ip(ar), pf: card(ar), ua: ua(ar) };
      events.push(emit(ar, world, acct, t, prompt, id, model));
    });
  }
  return { params: { ...p, accounts: accounts.length, ...extraParams }, accounts, events };
}
