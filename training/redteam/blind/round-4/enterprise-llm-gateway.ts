import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import { DAY, HOUR, MIN, SEC, fillSlots, pickTz, round, truncate } from './lib/common.js';

/**
 * A company's internal LLM gateway. Employees in one to three offices never hold their own keys: an internal
 * chat UI, an IT/HR help bot, a "reasoning mode" toggle, a nightly evaluation of the help bot (LLM-as-judge with
 * a public judge template) and a ticket-triage batch all go through one gateway that load-balances every request
 * over a pool of service keys (one enterprise org, one corporate card, keys created the same day, a key added when
 * load grows), from the gateway's two or three cloud egress addresses with one user agent. Every key therefore
 * carries everyone's traffic in lockstep with the others; the operators roll the new model out as a canary share
 * of all traffic at one moment, then widen it.
 */

const GATEWAY_UA = [
  'litellm/1.52.6',
  'internal-llm-gateway/2.4.1 (envoy)',
  'portkey-gateway/1.8.0',
  'kong-ai-proxy/3.8 Go-http-client/2.0',
  'frontier-python/1.51.0 ai-gateway/0.9',
];
const REASONING_MODE = [
  'Think step by step and show your reasoning before giving the final answer.\n\n{q}',
  '[Reasoning mode: on] Explain your reasoning in numbered steps, then give the answer.\n\n{q}',
];
const HELPBOT =
  'You are Ask-{dept}, the internal {dept} assistant of {company}. Answer only from the context; say "I don\'t know" otherwise.\n\nContext:\n{ctx}\n\nEmployee question: {q}';
const DEPTS = ['IT', 'HR', 'Finance', 'Legal', 'Facilities'];
const KB = [
  'VPN: use the GlobalConnect client; MFA is mandatory since March. Password resets via the self-service portal.',
  'Travel: economy for flights under 6 hours; hotel cap 180 EUR per night; receipts within 30 days.',
  'Parental leave: 16 weeks fully paid for the primary carer, 6 weeks for the secondary carer.',
  'Laptop refresh every 3 years; request through the IT catalogue; old devices must be returned within 2 weeks.',
  'Expense reports are approved by the direct manager, then Finance; payment in the next payroll run.',
  'Contracts above 50k need Legal review; use the standard NDA template for vendors.',
];
const HR_Q = [
  'How do I reset my VPN password?',
  'What is the hotel limit for a trip to Munich?',
  'How long is parental leave?',
  'Can I get a new laptop, mine is 4 years old?',
  'Who approves my expense report?',
  'Do I need legal review for a 20k vendor contract?',
];
type Role = 'engineer' | 'analyst' | 'office' | 'support' | 'office_zh';
const ROLE_POOLS: Record<Role, Partial<Record<PoolName, number>>> = {
  engineer: { code_en: 4, data_en: 1, chat_en: 1 },
  analyst: { data_en: 3, work_en: 2, math_en: 0.3 },
  office: { work_en: 4, chat_en: 2, roles_en: 0.5 },
  support: { work_en: 2, chat_en: 2 },
  office_zh: { chat_zh: 3, code_zh: 1, work_en: 1 },
};

export const spec: FamilySpec = {
  name: 'enterprise_llm_gateway',
  kind: 'legit',
  description:
    "A company's internal LLM gateway: employees in 1-3 offices reach the model only through an internal chat UI (with a 'reasoning mode' toggle that asks for step-by-step reasoning), an IT/HR help bot, a nightly LLM-as-judge evaluation of that bot and a ticket-triage batch; the gateway load-balances every request round robin over a pool of service keys (one enterprise org and card, keys created the same day, one added when load grows) from 2-3 cloud egress addresses with one user agent, and rolls the new model out as a canary share of all traffic at one moment.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const nCompanies = Math.max(1, Math.round(rng.int(1, 2) * Math.min(1, ctx.scale * 2)));
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn: Record<string, unknown>[] = [];
    for (let c = 0; c < nCompanies; c++) {
      const cr = rng.fork(`company${c}`);
      const company = cr.pick([
        'Helix Logistics',
        'Norrland Energy',
        'Kestrel Insurance',
        'Atlas Retail Group',
        'Meridian Bio',
      ]);
      const org = kit.newOrgId(cr);
      const card = kit.newCard(cr);
      const egress = Array.from({ length: cr.int(2, 3) }, () => kit.ip.cloudIp(cr, world));
      const ua = cr.pick(GATEWAY_UA);
      const offices = Array.from({ length: cr.int(1, 3) }, () => pickTz(cr));
      const nEmployees = Math.max(15, Math.round(cr.int(80, 400) * ctx.scale));
      const provisioned = start - cr.float(60, 700) * DAY;
      const nKeys = cr.int(3, 12);
      const keys = Array.from({ length: nKeys }, () =>
        kit.newAccount(cr, { createdAt: provisioned + cr.float(0, 20) * MIN, signupPath: 'enterprise', orgId: org }),
      );
      const addedAt = cr.chance(0.5) ? start + cr.float(0.5, 5) * DAY : null;
      if (addedAt !== null)
        keys.push(
          kit.newAccount(cr, { createdAt: addedAt - cr.float(5, 60) * MIN, signupPath: 'enterprise', orgId: org }),
        );
      accounts.push(...keys);
      const canaryAt = models.nextReleaseAt + cr.float(2, 40) * HOUR;
      const canary = round(cr.float(0.05, 0.5), 3);
      const fullAt = canaryAt + cr.float(12, 72) * HOUR;
      const reasoningToggle = round(cr.float(0.03, 0.25), 3);
      const dept = cr.sample(DEPTS, 2);
      const modelAt = (r: Rng, t: number): string =>
        t >= fullAt
          ? r.chance(0.97)
            ? models.next
            : models.current
          : t >= canaryAt && r.chance(canary)
            ? models.next
            : models.current;

      // Requests before key assignment: employees, help bot, nightly eval, triage batch.
      const reqs: { t: number; prompt: string }[] = [];
      let employeeReq = 0;
      for (let e = 0; e < nEmployees; e++) {
        const er = cr.fork(`emp${e}`);
        const tz = er.pick(offices);
        const role: Role =
          tz === 8 || tz === 9
            ? er.pick(['office_zh', 'engineer', 'analyst'] as const)
            : er.pick(['engineer', 'analyst', 'office', 'support'] as const);
        const times = kit.time.humanTimes(er, er.logInt(3, 80), ctx.span, {
          tzHours: tz,
          profile: 'work',
          weekendFactor: 0.1,
          sessionMean: er.float(2, 8),
          gapMedianSec: er.float(30, 120),
          dayOffProb: 0.1,
        });
        for (const t of times) {
          let prompt: string;
          const u = er.next();
          if (u < 0.15) {
            prompt = fillSlots(HELPBOT, {
              dept: er.pick(dept),
              company,
              ctx: er.sample(KB, 3).join('\n'),
              q: er.pick(HR_Q),
            });
          } else if (u < 0.15 + reasoningToggle) {
            const q =
              role === 'analyst' && er.chance(0.5)
                ? er.pick(data.pools.math_en)
                : kit.prompts.benign.realPrompt(er, data, ROLE_POOLS[role], 3000);
            prompt = fillSlots(er.pick(REASONING_MODE), { q });
          } else if (role === 'office' || role === 'support') {
            prompt = kit.prompts.legit.officePrompt(er, data);
          } else {
            prompt = kit.prompts.benign.chatPrompt(er, data, ROLE_POOLS[role], role === 'office_zh');
          }
          reqs.push({ t, prompt });
          employeeReq++;
        }
      }
      // Nightly evaluation of the help bot (one public judge template per company) and the triage batch.
      const judgeFamily = cr.pick(['ragas', 'promptflow', 'fastchat', 'prometheus', 'geval']);
      const judgeTpl = cr.pick(
        data.judges.filter((t) => t.lang === 'en' && t.id.startsWith(judgeFamily)).length > 0
          ? data.judges.filter((t) => t.lang === 'en' && t.id.startsWith(judgeFamily))
          : data.judges.filter((t) => t.lang === 'en'),
      );
      const evalItems = Math.max(10, Math.round(cr.int(40, 250) * Math.min(1, ctx.scale * 2)));
      const evalTimes = kit.time
        .cronTimes(cr, ctx.span, {
          everyMin: 24 * 60,
          perRun: evalItems,
          gapSec: cr.float(0.5, 3),
          tzHours: offices[0] ?? 0,
          skipProb: 0.1,
        })
        .map((t) => t + cr.int(1, 3) * HOUR);
      for (const t of evalTimes) reqs.push({ t, prompt: kit.prompts.judge.fillRealJudge(cr, data, judgeTpl) });
      const triage = cr.chance(0.6);
      if (triage) {
        for (const t of kit.time.cronTimes(cr, ctx.span, {
          everyMin: cr.pick([30, 60, 120]),
          perRun: cr.int(1, 6),
          gapSec: 1.5,
          tzHours: offices[0] ?? 0,
          hours: [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
        }))
          reqs.push({ t, prompt: kit.prompts.batch.batchPrompt(cr, data, cr.pick(['triage', 'summarize'] as const)) });
      }
      // The gateway: round robin over the keys that exist at the time.
      const inWindow = reqs.filter((x) => x.t >= start && x.t < end).sort((a, b) => a.t - b.t);
      const lb = cr.fork('lb');
      let rr = lb.int(0, keys.length - 1);
      const served = new Map<string, number>();
      for (const r of inWindow) {
        const live = keys.filter((k) => k.createdAt < r.t - SEC);
        const k = live[rr++ % live.length]!;
        served.set(k.id, (served.get(k.id) ?? 0) + 1);
        const er = lb.fork(`r${events.length}`);
        const replica = er.chance(0.08) ? `${ua} replica-${er.int(2, 4)}` : ua;
        events.push(
          kit.emit(
            er,
            world,
            k,
            r.t,
            truncate(r.prompt, 8000),
            { ip: er.pick(egress), pf: card, ua: replica },
            modelAt(er, r.t),
          ),
        );
      }
      drawn.push({
        company,
        offices,
        employees: nEmployees,
        keys: keys.length,
        key_added_in_window: addedAt !== null,
        egress_ips: egress.length,
        gateway_ua: ua,
        reasoning_toggle_share: reasoningToggle,
        eval_judge_template: judgeTpl.id,
        eval_items_per_night: evalItems,
        triage_batch: triage,
        canary_share: canary,
        canary_delay_hours: round((canaryAt - models.nextReleaseAt) / HOUR, 2),
        full_rollout_delay_hours: round((fullAt - models.nextReleaseAt) / HOUR, 2),
        employee_requests: employeeReq,
        requests_per_key: { min: Math.min(...served.values()), max: Math.max(...served.values()) },
      });
    }
    const used = new Set(events.map((e) => e.accountId));
    return { params: { companies: drawn }, accounts: accounts.filter((a) => used.has(a.id)), events };
  },
};
