/** Drawing the randomised parameters of an attack campaign inside the ranges the threat model allows. */
import type { PoolName } from './datasets.js';
import { clamp, round, type Rng } from './rng.js';
import type { AccessPath, GenerationContext, SignupPath } from './types.js';

export type IdStrategy = 'shared' | 'rotated' | 'per_account' | 'mixed';
export type OrgStrategy = IdStrategy | 'none';
export type TimingMode = 'human' | 'lockstep' | 'bursty' | 'low_and_slow';
export type IpSource = 'commercial_proxy' | 'residential_proxy' | 'datacenter_proxy';

/** Global bounds every attack family draws inside (checked by the test). */
export const BOUNDS = {
  accounts: [5, 300],
  requests: [5, 500],
  share: [0.1, 0.9],
} as const;

export interface CampaignParams {
  campaign_id: string;
  accounts: number;
  requests_per_account: { min: number; max: number };
  attack_share: number;
  identifiers: { payment: IdStrategy; ip: IdStrategy; user_agent: IdStrategy; org: OrgStrategy };
  ip_source: IpSource;
  timing: TimingMode;
  timing_detail: Record<string, number>;
  camouflage: { sources: PoolName[]; share_of_traffic: number };
  access_paths: Partial<Record<AccessPath, number>>;
  signup_paths: Partial<Record<SignupPath, number>>;
  account_age_days: [number, number];
  creation_batches: number;
  operator_tz: number;
  churn: null | { slots: number; mean_lifetime_hours: number; replacement_delay_min: [number, number] };
  model_switch: null | { fraction: number; delay_hours: number; ramp_hours: number; mode: 'accounts' | 'requests' };
}

export interface CampaignRanges {
  accounts: [number, number];
  requests: [number, number];
  share: [number, number];
  payment: IdStrategy[];
  ip: IdStrategy[];
  userAgent: IdStrategy[];
  org: OrgStrategy[];
  timing: TimingMode[];
  ipSource: IpSource[];
  camouflage: PoolName[];
  accessPaths?: Partial<Record<AccessPath, number>>;
  signupPaths?: Partial<Record<SignupPath, number>>;
  accountAgeDays?: [number, number];
  operatorTz?: number[];
}

function drawTimingDetail(rng: Rng, mode: TimingMode): Record<string, number> {
  switch (mode) {
    case 'lockstep':
      return {
        period_sec: rng.pick([15, 20, 30, 45, 60, 90, 120, 180, 240]),
        jitter_ms: rng.int(150, 3000),
        duty_hours: rng.pick([24, 24, 20, 18, 16]),
        duty_start_hour: rng.int(0, 23),
      };
    case 'bursty':
      return {
        bursts: rng.int(8, 30),
        burst_min_minutes: rng.int(5, 15),
        burst_max_minutes: rng.int(30, 120),
        join_prob: round(rng.float(0.4, 0.9), 2),
      };
    case 'human':
      return {
        session_mean: rng.int(4, 18),
        gap_median_sec: rng.int(15, 90),
        weekend_factor: round(rng.float(0.5, 1), 2),
      };
    default:
      return { max_per_day: rng.int(2, 6) };
  }
}

export function drawCampaign(ctx: GenerationContext, rng: Rng, family: string, r: CampaignRanges): CampaignParams {
  const lo = clamp(r.accounts[0], BOUNDS.accounts[0], BOUNDS.accounts[1]);
  const hi = clamp(r.accounts[1], lo, BOUNDS.accounts[1]);
  const accounts = clamp(
    Math.round(rng.int(lo, hi) * ctx.scale),
    BOUNDS.accounts[0],
    Math.max(BOUNDS.accounts[1], Math.round(hi * ctx.scale)),
  );
  const [q0, q1] = r.requests;
  const rMin = clamp(rng.int(q0, Math.floor(q0 + (q1 - q0) * 0.25)), BOUNDS.requests[0], BOUNDS.requests[1]);
  const rMax = clamp(rng.int(Math.ceil(q0 + (q1 - q0) * 0.6), q1), rMin, BOUNDS.requests[1]);
  const share = round(clamp(rng.float(r.share[0], r.share[1]), BOUNDS.share[0], BOUNDS.share[1]), 3);
  const timing = rng.pick(r.timing);
  const sources = rng.sample(r.camouflage, rng.int(1, Math.min(4, r.camouflage.length)));
  return {
    campaign_id: `camp-${family}-${rng.hex(6)}`,
    accounts,
    requests_per_account: { min: rMin, max: rMax },
    attack_share: share,
    identifiers: {
      payment: rng.pick(r.payment),
      ip: rng.pick(r.ip),
      user_agent: rng.pick(r.userAgent),
      org: rng.pick(r.org),
    },
    ip_source: rng.pick(r.ipSource),
    timing,
    timing_detail: drawTimingDetail(rng, timing),
    camouflage: { sources, share_of_traffic: round(1 - share, 3) },
    access_paths: r.accessPaths ?? { direct: 1 },
    signup_paths: r.signupPaths ?? { standard: 1 },
    account_age_days: r.accountAgeDays ?? [rng.int(1, 5), rng.int(10, 60)],
    creation_batches: rng.int(1, 6),
    operator_tz: rng.pick(r.operatorTz ?? [8, 8, 8, 3, 0, -5]),
    churn: null,
    model_switch: null,
  };
}
