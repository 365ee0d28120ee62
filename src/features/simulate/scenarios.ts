/**
 * Scenario families of the traffic simulator. Each generates accounts with their own timing,
 * infrastructure (IPs, cards, user agents) and prompt mix. See docs/simulator.md.
 */
import type { Rng } from './rng.js';
import type { PromptKind } from './templates.js';
import { DAY, HOUR, burst, humanDay, steadyStream, type Rhythm } from './timing.js';

const BASE_LEGIT = ['individual', 'student', 'company_nat', 'eval_team', 'vpn_mobile'] as const;
const BASE_ATTACK = ['campaign_shared', 'campaign_isolated', 'agentic_harvest', 'lone_mixer', 'low_and_slow'] as const;
/** Families that stress cluster detection (scenarios-clusters.ts), generated after the base ones from their own random stream. */
export const CLUSTER_LEGIT_FAMILIES = ['university_class', 'vpn_exit', 'eval_org'] as const;
export const CLUSTER_ATTACK_FAMILIES = ['campaign_lockstep'] as const;
export const LEGIT_FAMILIES = [...BASE_LEGIT, ...CLUSTER_LEGIT_FAMILIES] as const;
export const ATTACK_FAMILIES = [...BASE_ATTACK, ...CLUSTER_ATTACK_FAMILIES] as const;
export type BaseFamily = (typeof BASE_LEGIT)[number] | (typeof BASE_ATTACK)[number];
export type ClusterFamily = (typeof CLUSTER_LEGIT_FAMILIES)[number] | (typeof CLUSTER_ATTACK_FAMILIES)[number];
export type Family = BaseFamily | ClusterFamily;
export const BASE_FAMILIES: readonly BaseFamily[] = [...BASE_LEGIT, ...BASE_ATTACK];
export const CLUSTER_FAMILIES: readonly ClusterFamily[] = [...CLUSTER_LEGIT_FAMILIES, ...CLUSTER_ATTACK_FAMILIES];
export const FAMILIES: readonly Family[] = [...LEGIT_FAMILIES, ...ATTACK_FAMILIES];

/** Share of accounts per base family (before campaigns round up to whole groups); they sum to 1. */
export const FAMILY_WEIGHTS: Record<BaseFamily, number> = {
  individual: 0.4,
  student: 0.1,
  company_nat: 0.07,
  eval_team: 0.05,
  vpn_mobile: 0.08,
  campaign_shared: 0.09,
  campaign_isolated: 0.07,
  agentic_harvest: 0.05,
  lone_mixer: 0.05,
  low_and_slow: 0.04,
};

export interface Meta {
  ip: string;
  payment_fingerprint: string;
  user_agent: string;
  org_id?: string;
}

export interface FamilyContext {
  rng: Rng;
  start: number;
  days: number;
  newAccount(family: Family, campaign: string | null): string;
  newCampaign(family: Family): string;
  /** `prompt` replaces the bank's text (campaign-specific templates); `kind` still sets the simulated label. */
  emit(accountId: string, ts: number, kind: PromptKind, meta: Meta, prompt?: string): void;
  /** Infrastructure shared across families: the proxy IPs attack campaigns use (commercial VPN exits). */
  infra: { proxyIps: string[] };
}

export const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
];
export const SDKS = ['OpenAI/Python 1.30.1', 'openai-node/4.47.1', 'MyCompanyAssistant/2.3 (internal)'];
export const AUTOMATION = [
  'python-requests/2.31.0',
  'python-httpx/0.27.0',
  'Python/3.11 aiohttp/3.9.5',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  'Go-http-client/2.0',
  'curl/8.5.0',
];

export const ip = (rng: Rng, block = rng.int(11, 220)) =>
  `${block}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
export const card = (rng: Rng) => `card_${rng.hex(6)}`;
export const tz = (rng: Rng) => rng.pick([-8, -5, -3, 0, 1, 2, 5.5, 8, 9]);

export const BROAD: Partial<Record<PromptKind, number>> = {
  general: 45,
  coding: 25,
  homework: 10,
  politics: 6,
  judge: 2,
  agentic: 2,
  extract_reasoning: 0.4,
};

export function days(ctx: FamilyContext, pActive: number, each: (day: number, dayStart: number) => void): void {
  for (let d = 0; d < ctx.days; d++) if (ctx.rng.chance(pActive)) each(d, ctx.start + d * DAY);
}

export function person(
  ctx: FamilyContext,
  id: string,
  o: {
    perDay: [number, number];
    pActive: number;
    rhythm: Rhythm;
    mix: Partial<Record<PromptKind, number>>;
    meta: () => Meta;
  },
) {
  const { rng } = ctx;
  const offset = tz(rng);
  const rate = rng.int(o.perDay[0], o.perDay[1]);
  days(ctx, o.pActive, (_d, dayStart) => {
    for (const t of humanDay(rng, dayStart, offset, Math.max(1, rng.poisson(rate)), o.rhythm)) {
      ctx.emit(id, t, rng.weighted(o.mix as Record<PromptKind, number>), o.meta());
    }
  });
}

export type Generator = (ctx: FamilyContext, accounts: number) => void;

export const GENERATORS: Record<BaseFamily, Generator> = {
  individual(ctx, n) {
    for (let i = 0; i < n; i++) {
      const { rng } = ctx;
      const id = ctx.newAccount('individual', null);
      const home = [ip(rng), ip(rng)];
      const c = card(rng);
      const ua = rng.chance(0.15) ? rng.pick(SDKS) : rng.pick(BROWSERS);
      person(ctx, id, {
        perDay: [2, 30],
        pActive: rng.next() * 0.6 + 0.3,
        rhythm: 'human',
        mix: BROAD,
        meta: () => ({ ip: rng.pick(home), payment_fingerprint: c, user_agent: rng.chance(0.05) ? 'curl/8.5.0' : ua }),
      });
    }
  },
  student(ctx, n) {
    for (let i = 0; i < n; i++) {
      const { rng } = ctx;
      const id = ctx.newAccount('student', null);
      const home = ip(rng);
      const c = card(rng);
      const ua = rng.pick(BROWSERS);
      person(ctx, id, {
        perDay: [8, 50],
        pActive: 0.7,
        rhythm: 'evening',
        mix: { homework: 60, general: 20, coding: 15, politics: 5 },
        meta: () => ({ ip: home, payment_fingerprint: c, user_agent: ua }),
      });
    }
  },
  company_nat(ctx, n) {
    const { rng } = ctx;
    for (let made = 0; made < n;) {
      const org = `org_${rng.hex(4)}`;
      const nat = ip(rng);
      const c = card(rng);
      const offset = tz(rng);
      const accounts = Math.min(n - made, rng.int(1, 3));
      for (let a = 0; a < accounts; a++, made++) {
        const id = ctx.newAccount('company_nat', null);
        const employees = rng.int(20, 150);
        days(ctx, 1, (d, dayStart) => {
          const weekend = (d + 0) % 7 >= 5;
          const count = rng.poisson(employees * (weekend ? 0.3 : 3));
          for (const t of humanDay(rng, dayStart, offset, count, 'business', 4)) {
            const ua = rng.chance(0.25) ? rng.pick(['python-requests/2.31.0', ...SDKS]) : rng.pick(BROWSERS);
            ctx.emit(
              id,
              t,
              rng.weighted({
                general: 35,
                coding: 40,
                homework: 5,
                judge: 5,
                agentic: 8,
                politics: 3,
                extract_reasoning: 0.5,
              }),
              { ip: nat, payment_fingerprint: c, user_agent: ua, org_id: org },
            );
          }
        });
      }
    }
  },
  eval_team(ctx, n) {
    const { rng } = ctx;
    for (let i = 0; i < n; i++) {
      const id = ctx.newAccount('eval_team', null);
      const org = `org_${rng.hex(4)}`;
      const meta = {
        ip: ip(rng),
        payment_fingerprint: card(rng),
        user_agent: rng.pick(AUTOMATION.slice(0, 3)),
        org_id: org,
      };
      const nightly = rng.int(0, 23);
      days(ctx, 0.85, (_d, dayStart) => {
        const runs = [nightly, ...Array.from({ length: rng.int(0, 2) }, () => rng.int(8, 18))];
        for (const hour of runs) {
          for (const t of burst(rng, dayStart + hour * HOUR + rng.next() * HOUR, rng.int(80, 400), rng.int(300, 900))) {
            ctx.emit(id, t, rng.chance(0.85) ? 'judge' : rng.weighted({ general: 3, coding: 3, homework: 2 }), meta);
          }
        }
      });
    }
  },
  vpn_mobile(ctx, n) {
    const { rng } = ctx;
    const pool = Array.from({ length: 40 }, () => ip(rng, 100));
    for (let i = 0; i < n; i++) {
      const id = ctx.newAccount('vpn_mobile', null);
      const c = card(rng);
      const ua = rng.pick(BROWSERS);
      person(ctx, id, {
        perDay: [3, 25],
        pActive: 0.7,
        rhythm: 'human',
        mix: BROAD,
        meta: () => ({ ip: rng.pick(pool), payment_fingerprint: c, user_agent: ua }),
      });
    }
  },
  campaign_shared(ctx, n) {
    const { rng } = ctx;
    for (let made = 0; made < n;) {
      const campaign = ctx.newCampaign('campaign_shared');
      const proxies = Array.from({ length: rng.int(6, 20) }, () => ip(rng));
      const cards = [card(rng), card(rng)];
      const ua = rng.pick(AUTOMATION);
      ctx.infra.proxyIps.push(...proxies);
      const members = Array.from({ length: Math.min(n - made, rng.int(5, 12)) }, () =>
        ctx.newAccount('campaign_shared', campaign),
      );
      made += members.length;
      const everyH = rng.int(1, 3);
      const subject = rng.pick(['math', 'reasoning']);
      for (
        let t0 = ctx.start + rng.next() * HOUR;
        t0 < ctx.start + ctx.days * DAY;
        t0 += everyH * HOUR * (0.8 + 0.4 * rng.next())
      ) {
        for (const id of members) {
          for (const t of burst(rng, t0 + rng.next() * 60_000, rng.int(5, 25), rng.int(1_000, 4_000))) {
            const kind = rng.weighted({
              extract_reasoning: 60,
              extract_censorship: 8,
              extract_grading: 7,
              homework: subject === 'math' ? 25 : 5,
              general: subject === 'math' ? 0 : 20,
            });
            ctx.emit(id, t, kind, { ip: rng.pick(proxies), payment_fingerprint: rng.pick(cards), user_agent: ua });
          }
        }
      }
    }
  },
  campaign_isolated(ctx, n) {
    const { rng } = ctx;
    for (let made = 0; made < n;) {
      const campaign = ctx.newCampaign('campaign_isolated');
      const size = Math.min(n - made, rng.int(3, 8));
      for (let a = 0; a < size; a++, made++) {
        const id = ctx.newAccount('campaign_isolated', campaign);
        const ips = Array.from({ length: rng.int(2, 5) }, () => ip(rng));
        const c = card(rng);
        const ua = rng.chance(0.5) ? rng.pick(BROWSERS) : rng.pick(AUTOMATION);
        const offset = tz(rng);
        days(ctx, 0.9, (_d, dayStart) => {
          for (const t of humanDay(rng, dayStart, offset, rng.int(60, 250), 'human', 25)) {
            ctx.emit(
              id,
              t,
              rng.weighted({
                extract_reasoning: 40,
                extract_grading: 8,
                extract_censorship: 5,
                homework: 30,
                coding: 17,
              }),
              { ip: rng.pick(ips), payment_fingerprint: c, user_agent: ua },
            );
          }
        });
      }
    }
  },
  agentic_harvest(ctx, n) {
    const { rng } = ctx;
    for (let i = 0; i < n; i++) {
      const id = ctx.newAccount('agentic_harvest', i % 2 === 0 ? ctx.newCampaign('agentic_harvest') : null);
      const ips = Array.from({ length: rng.int(1, 3) }, () => ip(rng, 34));
      const meta = () => ({
        ip: rng.pick(ips),
        payment_fingerprint: `card_${id.slice(-6)}`,
        user_agent: rng.pick(AUTOMATION.slice(3)),
      });
      const perDay = rng.int(200, 700);
      days(ctx, 0.95, (_d, dayStart) => {
        for (const t of steadyStream(rng, dayStart, perDay, 0.5))
          ctx.emit(id, t, rng.chance(0.9) ? 'agentic' : 'coding', meta());
      });
    }
  },
  lone_mixer(ctx, n) {
    for (let i = 0; i < n; i++) {
      const { rng } = ctx;
      const id = ctx.newAccount('lone_mixer', null);
      const home = ip(rng);
      const c = card(rng);
      const ua = rng.pick(BROWSERS);
      const share = 0.2 + rng.next() * 0.25;
      person(ctx, id, {
        perDay: [20, 70],
        pActive: 0.85,
        rhythm: 'human',
        mix: { ...BROAD, extract_reasoning: 100 * share, extract_censorship: 20 * share },
        meta: () => ({ ip: home, payment_fingerprint: c, user_agent: ua }),
      });
    }
  },
  low_and_slow(ctx, n) {
    for (let i = 0; i < n; i++) {
      const { rng } = ctx;
      const id = ctx.newAccount('low_and_slow', null);
      const home = ip(rng);
      const c = card(rng);
      const ua = rng.pick(BROWSERS);
      person(ctx, id, {
        perDay: [3, 12],
        pActive: 0.9,
        rhythm: 'human',
        mix: { extract_reasoning: 55, extract_grading: 10, extract_censorship: 5, general: 20, homework: 10 },
        meta: () => ({ ip: home, payment_fingerprint: c, user_agent: ua }),
      });
    }
  },
};
