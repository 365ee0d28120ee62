import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import { DAY, HOUR, MIN, clampN, fill, r3, resolveStrategy, trunc } from './lib/util.js';
import { campaignModeTimes, proxyIps } from '../../lib/campaign.js';

/**
 * An API relay ("key pool") run by the campaign. It resells access to real downstream customers and sends the
 * operators' own harvest jobs through the same machinery: both streams are merged and a load balancer spreads
 * every request over a pool of accounts (weighted round robin, least-recently-used, random, or sticky per
 * downstream user / per harvest job). So each account carries a slice of many unrelated people's ordinary
 * traffic plus an even slice of one narrow harvest; no account has its own rhythm or its own topics, and the
 * accounts fire interleaved rather than together. Banned keys are replaced in their pool slot (hydra).
 */

type Cap = 'cot' | 'rubric' | 'censorship' | 'agentic';
type Policy = 'weighted_round_robin' | 'least_recent' | 'random' | 'sticky';

const TENANTS = [
  'You are the assistant inside {app}, a {domain} app. Answer the user briefly and helpfully.\n\nUser: {p}',
  '[system] {app} customer assistant ({domain}). Be polite, answer in the language of the user.\n[user] {p}',
  '你是{app}里的AI助手（{domain}）。请认真回答用户的问题。\n\n用户：{p}',
  '### Instruction (from {app} {domain} plugin)\n{p}\n### Response',
];
const APPS = ['WriteMate', 'ChatBox Pro', 'SnapAsk', '小智助手', 'DeskPilot', 'StudyBuddy', '灵犀AI', 'CodeNest'];
const DOMAINS = ['writing', 'homework help', 'office productivity', 'chat companion', 'coding', 'customer support'];
const RELAY_UA = [
  'Go-http-client/2.0',
  'Go-http-client/1.1',
  'okhttp/4.12.0',
  'python-httpx/0.27.0',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  'axios/1.7.2',
];
const PROFILES: Record<string, Partial<Record<PoolName, number>>> = {
  chat_en: { chat_en: 5, roles_en: 1, work_en: 1 },
  chat_zh: { chat_zh: 6, exam_zh: 0.5 },
  coder: { code_en: 3, code_zh: 2, data_en: 1 },
  student_zh: { math_zh: 3, exam_zh: 3, chat_zh: 1 },
  student_en: { math_en: 3, exam_en: 1, chat_en: 1 },
  office: { work_en: 4, chat_en: 2, data_en: 1 },
  curious: { chat_en: 3, sensitive_en: 1, chat_zh: 1 },
};

export const spec: FamilySpec = {
  name: 'relay_keypool_blend',
  kind: 'attack',
  description:
    "An API relay run by the campaign: its real downstream customers' ordinary requests and the operators' own narrow harvest (reasoning traces, grader labels, censorship rewrites or agentic prompts) are merged and load-balanced over a pool of accounts (weighted round robin, least-recently-used, random or sticky per user/job), so every account carries a slice of many unrelated people's traffic plus an even slice of the harvest, accounts fire interleaved instead of together, some app tenants wrap prompts in their own system prompt, and banned keys are replaced in their slot.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const p = kit.drawCampaign(ctx, rng, 'relay_keypool_blend', {
      accounts: [8, 300],
      requests: [5, 500],
      share: [0.1, 0.9],
      payment: ['shared', 'rotated', 'per_account', 'mixed'],
      ip: ['shared', 'rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'rotated', 'per_account', 'mixed'],
      org: ['none', 'shared', 'per_account', 'mixed'],
      timing: ['human', 'lockstep', 'bursty', 'low_and_slow'],
      ipSource: ['datacenter_proxy', 'commercial_proxy', 'residential_proxy'],
      camouflage: ['chat_en', 'chat_zh', 'roles_en', 'work_en', 'code_en', 'code_zh', 'math_zh', 'exam_zh', 'data_en'],
      accessPaths: { direct: 0.75, 'cloud-a': 0.15, 'cloud-b': 0.1 },
      signupPaths: { standard: 0.7, startup: 0.2, education: 0.1 },
      accountAgeDays: [2, 200],
    });
    const sr = rng.fork('style');
    const policy = sr.pick(['weighted_round_robin', 'least_recent', 'random', 'sticky'] as const) as Policy;
    const churn = sr.chance(0.5);
    const slots = churn ? Math.max(3, Math.round(p.accounts * sr.float(0.45, 0.85))) : p.accounts;
    const region = sr.pick(['cn', 'global', 'mixed'] as const);
    const primary = sr.pick(['cot', 'rubric', 'censorship', 'agentic'] as const) as Cap;
    const secondary = sr.pick(['cot', 'rubric', 'censorship', 'agentic'] as const) as Cap;
    const capW: Record<Cap, number> = { cot: 0, rubric: 0, censorship: 0, agentic: 0 };
    capW[primary] += 1;
    capW[secondary] += secondary === primary ? 0 : r3(sr.float(0, 0.3));
    const zh = region === 'cn' ? r3(sr.float(0.3, 0.7)) : region === 'mixed' ? r3(sr.float(0.1, 0.4)) : 0;
    const cot = kit.prompts.cot.drawCotStyle(sr.fork('cot'), { en: 1 - zh, zh }, true);
    const rm = kit.prompts.rubric.drawRubricStyle(
      sr.fork('rm'),
      { en: 1 - zh, zh, ja: 0, ko: 0, ru: 0, es: 0 },
      r3(sr.float(0, 0.3)),
    );
    const cs = kit.prompts.censorship.drawCensorStyle(sr.fork('cs'), Math.max(0.3, zh));
    const ag = kit.prompts.agentic.drawAgentStyle(sr.fork('ag'), true);
    const harvest = (r: Rng): string => {
      const cap = r.weightedKey(capW);
      if (cap === 'cot') return kit.prompts.cot.cotPrompt(r, data, cot);
      if (cap === 'rubric') return kit.prompts.rubric.rubricPrompt(r, data, rm);
      if (cap === 'censorship') return kit.prompts.censorship.censorPrompt(r, data, cs);
      return kit.prompts.agentic.agentPrompt(r, data, ag);
    };
    const harvestSwitch = sr.chance(0.6)
      ? { fraction: r3(sr.float(0.3, 0.9)), delay_hours: r3(sr.float(1, 24)) }
      : null;

    // Pool slots: a chain of accounts each (a banned key is replaced by a fresh one).
    const ar0 = rng.fork('accounts');
    const perSlot = new Array<number>(slots).fill(1);
    for (let i = slots; i < p.accounts; i++) perSlot[ar0.int(0, slots - 1)]! += 1;
    const batches = Array.from(
      { length: p.creation_batches },
      () => start - ar0.float(p.account_age_days[0], p.account_age_days[1]) * DAY,
    );
    interface Key {
      acct: Account;
      from: number;
      to: number;
      target: number;
      cap: number;
      served: number;
      last: number;
      ip: (r: Rng) => string;
      pf: string;
      ua: (r: Rng) => string;
    }
    const ir = rng.fork('ids');
    const slice = ir.sample(proxyIps(world, p.ip_source), Math.max(8, Math.floor(ir.float(0.05, 0.4) * 400)));
    const relayIps = ir.sample(slice, ir.int(1, 4));
    const sharedCards = Array.from({ length: ir.int(1, 4) }, () => kit.newCard(ir));
    const cardPool = Array.from({ length: Math.max(3, Math.round(p.accounts / ir.float(2, 6))) }, () =>
      kit.newCard(ir),
    );
    const relayUa = ir.pick(RELAY_UA);
    const passUa = Array.from({ length: 40 }, () =>
      ir.weighted([
        [kit.ua.browserUa(ir), 4],
        [kit.ua.sdkUa(ir), 3],
        [kit.ua.mobileUa(ir), 2],
        [kit.ua.agentUa(ir), 1],
      ] as const),
    );
    const sharedOrg = kit.newOrgId(ir);
    const keys: Key[] = [];
    const accounts: Account[] = [];
    perSlot.forEach((chain, s) => {
      const cuts = [0, ...Array.from({ length: chain - 1 }, () => ar0.next()).sort((a, b) => a - b), 1];
      for (let k = 0; k < chain; k++) {
        const kr = rng.fork(`key:${s}:${k}`);
        const from = k === 0 ? start : start + (cuts[k] ?? 0) * (end - start) + kr.float(2, 40) * MIN;
        const to = Math.max(from + 2 * HOUR, start + (cuts[k + 1] ?? 1) * (end - start));
        const createdAt = k === 0 ? kr.pick(batches) + kr.float(0, 60) * MIN : from - kr.float(3, 90) * MIN;
        const orgMode =
          p.identifiers.org === 'mixed' ? kr.pick(['none', 'shared', 'per_account'] as const) : p.identifiers.org;
        const orgId = orgMode === 'shared' ? sharedOrg : orgMode === 'per_account' ? kit.newOrgId(kr) : undefined;
        const acct = kit.newAccount(kr, {
          createdAt: Math.min(createdAt, from - MIN),
          signupPath: kr.weightedKey(p.signup_paths as Record<string, number>) as Account['signupPath'],
          accessPath: kr.weightedKey(p.access_paths as Record<string, number>) as Account['accessPath'],
          ...(orgId ? { orgId } : {}),
          campaignId: p.campaign_id,
        });
        const target = kr.logInt(p.requests_per_account.min, p.requests_per_account.max);
        const ipMode = resolveStrategy(kr, p.identifiers.ip);
        const pinned = kr.pick(slice);
        const ip =
          ipMode === 'shared'
            ? (r: Rng) => r.pick(relayIps)
            : ipMode === 'rotated'
              ? (r: Rng) => r.pick(slice)
              : () => pinned;
        const payMode = resolveStrategy(kr, p.identifiers.payment);
        const pf =
          payMode === 'shared' ? kr.pick(sharedCards) : payMode === 'rotated' ? kr.pick(cardPool) : kit.newCard(kr);
        const uaMode = resolveStrategy(kr, p.identifiers.user_agent);
        const own = kr.chance(0.5) ? kit.ua.sdkUa(kr) : kr.pick(RELAY_UA);
        const ua = uaMode === 'shared' ? () => relayUa : uaMode === 'rotated' ? (r: Rng) => r.pick(passUa) : () => own;
        accounts.push(acct);
        keys.push({
          acct,
          from,
          to: Math.min(end, to),
          target,
          cap: Math.min(500, Math.ceil(target * 1.3) + 3),
          served: 0,
          last: -Infinity,
          ip,
          pf,
          ua,
        });
      }
    });
    const total = keys.reduce((s, k) => s + k.target, 0);
    const nHarvest = Math.round(total * p.attack_share);
    const nCustomer = total - nHarvest;

    // Downstream customers: many people (and a few app tenants) whose ordinary requests ride the same keys.
    const cr = rng.fork('customers');
    const nUsers = clampN(Math.round(nCustomer / cr.float(3, 15)), 5, 4000);
    const profileNames = Object.keys(PROFILES);
    const tenants = Array.from({ length: cr.int(0, 4) }, () => ({
      tpl: cr.pick(TENANTS),
      app: cr.pick(APPS),
      domain: cr.pick(DOMAINS),
    }));
    const tenantShare = tenants.length > 0 ? r3(cr.float(0.1, 0.4)) : 0;
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;
    const users = Array.from({ length: nUsers }, (_, u) => {
      const ur = cr.fork(`u${u}`);
      const cnUser = region === 'cn' ? ur.chance(0.85) : region === 'mixed' ? ur.chance(0.4) : ur.chance(0.05);
      const prof = cnUser
        ? ur.pick(['chat_zh', 'student_zh', 'coder', 'chat_zh'])
        : ur.pick(profileNames.filter((x) => !x.endsWith('_zh')));
      return {
        weight: 1 / Math.pow(u + 1, 0.8),
        tz: cnUser ? 8 : ur.pick([-8, -5, 0, 1, 3, 5.5, 7, 9]),
        zh: cnUser,
        pools: ur.chance(0.7) ? (PROFILES[prof] ?? camo) : camo,
        tenant: tenants.length > 0 && ur.chance(tenantShare) ? ur.pick(tenants) : null,
        lag: ur.float(0.5, 48),
      };
    });
    const counts = new Array<number>(nUsers).fill(0);
    const uw = users.map((u, i) => [i, u.weight] as const);
    for (let i = 0; i < nCustomer; i++) counts[cr.weighted(uw)]! += 1;
    interface Item {
      t: number;
      user: number;
      job: number;
    }
    const items: Item[] = [];
    users.forEach((u, i) => {
      const n = counts[i] ?? 0;
      if (n === 0) return;
      const times = kit.time.humanTimes(cr.fork(`t${i}`), n, ctx.span, {
        tzHours: u.tz,
        profile: cr.pick(['personal', 'student', 'work', 'night'] as const),
        weekendFactor: cr.float(0.6, 1.2),
        sessionMean: cr.float(2, 8),
        gapMedianSec: cr.float(20, 120),
      });
      for (const t of times) items.push({ t, user: i, job: -1 });
    });
    // The operators' harvest stream, on the campaign's own dispatcher, in jobs of consecutive requests.
    const hr = rng.fork('harvest');
    const bursts = kit.time.makeBursts(
      hr,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    );
    const jobSize = hr.int(5, 60);
    campaignModeTimes(hr, p, nHarvest, ctx.span, bursts).forEach((t, i) =>
      items.push({ t, user: -1, job: Math.floor(i / jobSize) }),
    );
    items.sort((a, b) => a.t - b.t || a.user - b.user);

    // Load balancer.
    const events: DraftEvent[] = [];
    const sticky = new Map<string, number>();
    const dr = rng.fork('dispatch');
    let dropped = 0;
    let harvestSent = 0;
    for (const it of items) {
      if (it.t < start || it.t >= end) continue;
      const cand: number[] = [];
      keys.forEach((k, i) => {
        if (it.t >= k.from && it.t < k.to && k.served < k.cap) cand.push(i);
      });
      if (cand.length === 0) {
        dropped++;
        continue;
      }
      let pick: number;
      if (policy === 'least_recent') {
        pick = cand.reduce((a, b) => ((keys[b]?.last ?? 0) < (keys[a]?.last ?? 0) ? b : a));
      } else if (policy === 'random') {
        pick = dr.weighted(cand.map((i) => [i, keys[i]?.target ?? 1] as const));
      } else if (policy === 'sticky') {
        const key = it.user >= 0 ? `u${it.user}` : `j${it.job}`;
        const prev = sticky.get(key);
        pick =
          prev !== undefined && cand.includes(prev)
            ? prev
            : dr.weighted(cand.map((i) => [i, keys[i]?.target ?? 1] as const));
        sticky.set(key, pick);
      } else {
        const ratio = (i: number): number => {
          const k = keys[i]!;
          const progress = (it.t - k.from) / Math.max(1, k.to - k.from);
          return k.served / (k.target * progress + 1);
        };
        pick = cand.reduce((a, b) => (ratio(b) < ratio(a) ? b : a));
      }
      const k = keys[pick]!;
      k.served++;
      k.last = it.t;
      const er = dr.fork(`e${events.length}`);
      let prompt: string;
      let model: string;
      if (it.user >= 0) {
        const u = users[it.user]!;
        const base = kit.prompts.benign.chatPrompt(er, data, u.pools, u.zh);
        prompt = u.tenant
          ? fill(u.tenant.tpl, { app: u.tenant.app, domain: u.tenant.domain, p: trunc(base, 4000) })
          : base;
        model = kit.adoptModel(er, models, it.t, 0.6, u.lag);
      } else {
        prompt = harvest(er);
        harvestSent++;
        model =
          harvestSwitch &&
          it.t >= models.nextReleaseAt + harvestSwitch.delay_hours * HOUR &&
          er.chance(harvestSwitch.fraction)
            ? models.next
            : models.current;
      }
      events.push(kit.emit(er, world, k.acct, it.t, prompt, { ip: k.ip(er), pf: k.pf, ua: k.ua(er) }, model));
    }
    const used = new Set(events.map((e) => e.accountId));
    const kept = accounts.filter((a) => used.has(a.id));
    const served = keys.filter((k) => used.has(k.acct.id)).map((k) => k.served);
    return {
      params: {
        ...p,
        accounts: kept.length,
        lb_policy: policy,
        pool_slots: slots,
        churn,
        customer_region: region,
        downstream_users: nUsers,
        app_tenants: tenants.length,
        tenant_share: tenantShare,
        capabilities: capW,
        harvest_job_size: jobSize,
        harvest_model_switch: harvestSwitch,
        harvest_requests: harvestSent,
        realised_attack_share: r3(harvestSent / Math.max(1, events.length)),
        requests_per_account_realised: { min: Math.min(...served), max: Math.max(...served) },
        dropped,
      },
      accounts: kept,
      events,
    };
  },
};
