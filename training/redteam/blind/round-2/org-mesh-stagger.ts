import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import { clip, pickTz, r3, resolve, type Strategy, HOUR, MIN, DAY } from './lib/common.js';
import { proxyIps } from '../../lib/campaign.js';

/**
 * A campaign spread over many small, real-looking organisations: each org has 2-3 accounts (a "founder" and
 * one or two "team members" added days later), its own product persona (which decides its camouflage prompts
 * and claimed time zone) and usually its own card and office address. Orgs are opened one after another over
 * weeks (some during the window), so no sign-up burst exists. The harvest is either the same mix in every org
 * or sharded: each org works one narrow capability.
 */

const PERSONAS = [
  { id: 'edu_app', pools: { math_en: 3, exam_en: 1, chat_en: 1 }, signup: 'startup' },
  { id: 'legal_tech', pools: { work_en: 3, chat_en: 2 }, signup: 'startup' },
  { id: 'dev_tools', pools: { code_en: 4, data_en: 1 }, signup: 'startup' },
  { id: 'marketing_agency', pools: { roles_en: 2, work_en: 2, chat_en: 2 }, signup: 'standard' },
  { id: 'analytics_saas', pools: { data_en: 3, code_en: 1, work_en: 1 }, signup: 'startup' },
  { id: 'zh_content_studio', pools: { chat_zh: 4, exam_zh: 1 }, signup: 'standard' },
  { id: 'zh_edtech', pools: { math_zh: 3, exam_zh: 2, chat_zh: 1 }, signup: 'startup' },
  { id: 'consultancy', pools: { work_en: 2, chat_en: 2, data_en: 1 }, signup: 'enterprise' },
] as const;

export const spec: FamilySpec = {
  name: 'org_mesh_stagger',
  kind: 'attack',
  description:
    'Org mesh: one campaign spread across many small, real-looking organisations (org_id) with 2-3 accounts each, orgs opened one after another over weeks (staggered, some inside the window) and team members added days after the founder; each org has a product persona that sets its camouflage and claimed time zone and usually its own card and office IP. The harvest (reasoning traces, grader labels, agentic prompts) is either the same mix everywhere or sharded so each org looks narrow.',
  generate(ctx) {
    const { kit, rng, data, world } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'org_mesh_stagger', {
      accounts: [30, 300],
      requests: [10, 260],
      share: [0.25, 0.85],
      payment: ['per_account', 'per_account', 'shared', 'rotated', 'mixed'],
      ip: ['per_account', 'rotated', 'shared', 'mixed'],
      userAgent: ['per_account', 'shared', 'mixed'],
      org: ['per_account'],
      timing: ['human', 'lockstep', 'bursty', 'low_and_slow'],
      ipSource: ['residential_proxy', 'datacenter_proxy', 'commercial_proxy'],
      camouflage: ['work_en', 'chat_en', 'code_en', 'data_en', 'math_en', 'chat_zh'],
      signupPaths: { startup: 0.6, enterprise: 0.15, standard: 0.25 },
      accountAgeDays: [3, 150],
    });
    const sr = rng.fork('style');
    const sharding = sr.pick(['uniform', 'sharded'] as const);
    const weights = {
      cot: r3(sr.float(0.2, 1)),
      rubric: r3(sr.float(0, 0.8)),
      agentic: r3(sr.float(0, 0.6)),
    };
    const cot = kit.prompts.cot.drawCotStyle(
      sr.fork('cot'),
      sr.chance(0.5) ? { en: 1 } : { en: 0.7, zh: 0.3 },
      sr.chance(0.5),
    );
    const rm = kit.prompts.rubric.drawRubricStyle(
      sr.fork('rm'),
      { en: 0.8, zh: 0.2, ja: 0, ko: 0, ru: 0, es: 0 },
      r3(sr.float(0, 0.3)),
    );
    const ag = kit.prompts.agentic.drawAgentStyle(sr.fork('ag'), true);
    const tzMode = sr.pick(['persona_local', 'operator'] as const);
    const staggerDays = r3(sr.float(0.3, 3)); // mean days between org openings
    const memberLagDays: [number, number] = [0.5, r3(sr.float(3, 20))];
    const orgMembers: number[] = [];
    let left = p.accounts;
    while (left > 0) {
      const k = Math.min(left, sr.chance(0.55) ? 2 : 3);
      orgMembers.push(k);
      left -= k;
    }
    const ir = rng.fork('ids');
    const ipPool = proxyIps(world, p.ip_source);
    const slice = ir.sample(ipPool, Math.max(10, Math.floor(ipPool.length * ir.float(0.05, 0.5))));
    const sharedIps = ir.sample(slice, ir.int(1, 4));
    const sharedCards = Array.from({ length: ir.int(2, 4) }, () => kit.newCard(ir));
    const cardPool = Array.from({ length: Math.max(4, Math.round(orgMembers.length / ir.float(1.5, 4))) }, () =>
      kit.newCard(ir),
    );
    const campaignUa = ir.chance(0.5) ? kit.ua.sdkUa(ir) : kit.ua.scriptUa(ir);
    const d = p.timing_detail;
    const bursts = kit.time.makeBursts(
      ir,
      ctx.span,
      d.bursts ?? 14,
      d.burst_min_minutes ?? 10,
      d.burst_max_minutes ?? 60,
    );
    const { start, end } = ctx.window;
    // Orgs opened one after another, the last ones inside the window.
    const inWindow = r3(sr.float(0, 0.35));
    const nOrgs = orgMembers.length;
    const firstOpen = start - nOrgs * (1 - inWindow) * staggerDays * DAY - sr.float(1, 10) * DAY;
    let cursor = firstOpen;
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const shardsUsed: Record<string, number> = {};
    for (let o = 0; o < nOrgs; o++) {
      const or = rng.fork(`org:${o}`);
      cursor += or.exp(staggerDays) * DAY;
      const opened = Math.min(cursor, end - 18 * HOUR - or.float(0, 30) * HOUR);
      const persona = or.pick(PERSONAS);
      const orgId = kit.newOrgId(or);
      const tz = tzMode === 'operator' ? p.operator_tz : persona.id.startsWith('zh_') ? 8 : pickTz(or);
      const payMode = resolve(or, p.identifiers.payment as Strategy);
      const orgCard =
        payMode === 'shared' ? or.pick(sharedCards) : payMode === 'rotated' ? or.pick(cardPool) : kit.newCard(or);
      const ipMode = resolve(or, p.identifiers.ip as Strategy);
      const office = ipMode === 'shared' ? or.pick(sharedIps) : or.pick(slice);
      const uaMode = resolve(or, p.identifiers.user_agent as Strategy);
      const orgUa = uaMode === 'shared' ? campaignUa : or.chance(0.5) ? kit.ua.sdkUa(or) : kit.ua.browserUa(or);
      const shard = sharding === 'sharded' ? or.weightedKey(weights) : null;
      if (shard) shardsUsed[shard] = (shardsUsed[shard] ?? 0) + 1;
      const orgShare = Math.min(0.9, Math.max(0.1, or.normal(p.attack_share, 0.1)));
      const signupPath = (
        or.chance(0.8) ? persona.signup : or.weightedKey(p.signup_paths as Record<string, number>)
      ) as Account['signupPath'];
      for (let m = 0; m < orgMembers[o]!; m++) {
        const ar = or.fork(`m${m}`);
        const created = m === 0 ? opened : opened + ar.float(memberLagDays[0], memberLagDays[1]) * DAY;
        const from = Math.max(start, created + ar.float(10, 240) * MIN);
        if (from >= end - HOUR) continue;
        const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
        const span = { from, to: end };
        let times: number[];
        switch (p.timing) {
          case 'lockstep':
            times = kit.time.lockstepTimes(ar, n, span, {
              periodSec: d.period_sec ?? 60,
              phaseMs: 0,
              jitterMs: d.jitter_ms ?? 1000,
              dutyHours: d.duty_hours ?? 24,
              dutyStartHour: d.duty_start_hour ?? 0,
              tzHours: p.operator_tz,
            });
            break;
          case 'bursty':
            times = kit.time.burstyTimes(ar, n, span, bursts, d.join_prob ?? 0.7);
            break;
          case 'low_and_slow':
            times = kit.time.lowAndSlowTimes(ar, Math.min(n, 30), span, tz, 'work');
            break;
          default:
            times = kit.time.humanTimes(ar, n, span, {
              tzHours: tz,
              profile: 'work',
              weekendFactor: d.weekend_factor ?? 0.4,
              sessionMean: d.session_mean ?? 8,
              gapMedianSec: d.gap_median_sec ?? 40,
              dayOffProb: 0.1,
            });
        }
        times = clip(times, from, end);
        if (times.length === 0) continue;
        const acct = kit.newAccount(ar, {
          createdAt: Math.min(created, times[0]! - MIN),
          signupPath: m === 0 ? signupPath : ar.chance(0.85) ? signupPath : 'standard',
          orgId,
          campaignId: p.campaign_id,
        });
        accounts.push(acct);
        const memberIpMode = ipMode === 'rotated' ? 'rotated' : ar.chance(0.2) ? 'home' : 'office';
        const home = ar.pick(slice);
        const ua = uaMode === 'per_account' && ar.chance(0.5) ? kit.ua.browserUa(ar) : orgUa;
        const share = Math.min(0.9, Math.max(0.1, ar.normal(orgShare, 0.06)));
        const switchAt = ar.chance(0.4) ? ctx.models.nextReleaseAt + ar.float(2, 96) * HOUR : Infinity;
        for (const t of times) {
          let prompt: string;
          if (ar.chance(share)) {
            const cap = shard ?? ar.weightedKey(weights);
            prompt =
              cap === 'cot'
                ? kit.prompts.cot.cotPrompt(ar, data, cot)
                : cap === 'rubric'
                  ? kit.prompts.rubric.rubricPrompt(ar, data, rm)
                  : kit.prompts.agentic.agentPrompt(ar, data, ag);
          } else {
            prompt = kit.prompts.benign.chatPrompt(ar, data, persona.pools, persona.id.startsWith('zh_'));
          }
          const ip = memberIpMode === 'rotated' ? ar.pick(slice) : memberIpMode === 'home' ? home : office;
          events.push(
            kit.emit(
              ar,
              world,
              acct,
              t,
              prompt,
              { ip, pf: orgCard, ua },
              t >= switchAt ? ctx.models.next : ctx.models.current,
            ),
          );
        }
      }
    }
    return {
      params: {
        ...p,
        accounts: accounts.length,
        orgs: nOrgs,
        members_per_org: [2, 3],
        org_open_mean_gap_days: staggerDays,
        member_lag_days: memberLagDays,
        share_of_orgs_opened_in_window: inWindow,
        sharding,
        capabilities: weights,
        shards: shardsUsed,
        tz_mode: tzMode,
      },
      accounts,
      events,
    };
  },
};
