import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import { DAY, HOUR, MIN, degrade, fillSlots, round, truncate } from './lib/common.js';

/**
 * A data-labelling vendor (BPO) whose annotators use the model as a helper while they label data for a client.
 * Annotators are onboarded in cohorts (dozens of accounts created within the same hour), sit behind the office
 * NAT on the vendor's corporate card and org, work three shifts around the clock and spend each shift on one
 * client project, so their prompts repeat the project's task phrasing: "here is the problem and the expected
 * answer, explain step by step how to reach it so I can check the worker's solution", "which of these two
 * responses is better and why", fact checks, summary QA, safety reviews. A managed browser build gives most
 * annotators the same user agent; some use the labelling tool's assistant extension.
 */

const SITES = [
  { city: 'Manila', tz: 8 },
  { city: 'Nairobi', tz: 3 },
  { city: 'Bogota', tz: -5 },
  { city: 'Hyderabad', tz: 5.5 },
  { city: 'Cluj', tz: 2 },
];
type Project = 'math_verify' | 'pairwise' | 'fact_check' | 'summary_qa' | 'zh_review' | 'safety_review';
const PROJECTS: Project[] = ['math_verify', 'pairwise', 'fact_check', 'summary_qa', 'zh_review', 'safety_review'];
const ASK: Record<Project, string[]> = {
  math_verify: [
    "I'm reviewing a worker's solution. Problem: {q}\nExpected answer: {a}\nCan you explain step by step how to get to the expected answer so I can compare it with the worker's steps?",
    'Task {task}: the reference answer is {a}. I do not understand how they got it. Problem:\n{q}\nPlease walk me through it.',
    'Is {a} really the right answer here? Show me how you would solve it.\n\n{q}',
  ],
  pairwise: [
    'I have to pick the better response for this prompt and write a justification in our tool. Which one is better and why? Keep it short.\n\nPrompt: {q}\n\nResponse 1: {r1}\n\nResponse 2: {r2}',
    'Can you help me compare these two answers? The guideline says to prefer the more accurate and complete one.\n\nQuestion: {q}\n\nAnswer A: {r1}\n\nAnswer B: {r2}',
  ],
  fact_check: [
    'Is this statement correct? Please tell me what I should double-check.\n\n"{claim}"',
    'Fact check for task {task}: does this answer contain errors?\n\nQ: {q}\nA: {r1}',
  ],
  summary_qa: [
    'Does this summary faithfully capture the text? Point out anything missing or wrong.\n\nText: {q}\n\nSummary: {r1}',
    'Task {task}: the guideline says a summary must not add facts. Does this one add anything?\nSource: {q}\nSummary: {r1}',
  ],
  zh_review: [
    '请帮我检查下面这个回答有没有事实错误，说明理由，我要写在标注备注里。\n\n问题：{zq}\n回答：{za}',
    '这两个回答哪个更好？请简单说明原因。\n\n问题：{zq}\n\n回答一：{za}\n\n回答二：{zb}',
  ],
  safety_review: [
    'Our guideline asks whether a response is harmful. Does this one contain anything unsafe? Explain briefly.\n\nUser: {u}\nResponse: {r1}',
  ],
};
const FOLLOW = [
  'I still do not get step 3, can you explain it differently?',
  'ok thanks. and what if the worker wrote the units wrong, is it still correct?',
  'Can you say that in one sentence for my note?',
  'Hmm, the reference says otherwise. Are you sure?',
  'thanks!',
];

export const spec: FamilySpec = {
  name: 'annotation_vendor',
  kind: 'legit',
  description:
    "A data-labelling vendor whose annotators use the model as a helper while labelling for a client: cohorts of accounts created within the same hour, one office NAT, one corporate card and org, three shifts around the clock, one client project per shift so prompts repeat the project's phrasing - 'here is the problem and the expected answer, explain step by step how to get it so I can check the worker', 'which of these two responses is better and why', fact checks, summary QA, Chinese answer reviews, safety reviews - mostly from one managed browser build.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const nVendors = Math.max(1, Math.round(rng.int(1, 2) * Math.min(1, ctx.scale * 2)));
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn: Record<string, unknown>[] = [];
    for (let v = 0; v < nVendors; v++) {
      const vr = rng.fork(`vendor${v}`);
      const site = vr.pick(SITES);
      const org = kit.newOrgId(vr);
      const card = kit.newCard(vr);
      const block = vr.pick(world.ispBlocks);
      const nat = Array.from({ length: vr.int(1, 2) }, () => kit.ip.ipIn16(vr, block));
      const managedUa = kit.ua.browserUa(vr);
      const extUa = `labelassist-ext/${vr.int(1, 3)}.${vr.int(0, 12)} ${managedUa}`;
      const projects = vr.sample(PROJECTS, vr.int(2, 4));
      const nAnn = Math.max(8, Math.round(vr.int(20, 120) * ctx.scale));
      const cohorts = Array.from({ length: vr.int(1, 3) }, () => start - vr.float(1, 90) * DAY);
      const shifts = [6, 14, 22];
      const policyLag = vr.float(24, 120);
      let helperReq = 0;
      for (let a = 0; a < nAnn; a++) {
        const ar = vr.fork(`ann${a}`);
        const cohort = ar.pick(cohorts);
        const acct = kit.newAccount(ar, {
          createdAt: cohort + ar.float(0, 50) * MIN,
          signupPath: ar.chance(0.85) ? 'enterprise' : 'standard',
          orgId: org,
        });
        const shift = ar.pick(shifts);
        const ua = ar.chance(0.75) ? managedUa : ar.chance(0.7) ? extUa : kit.ua.browserUa(ar);
        const n = ar.logInt(20, 300);
        const offDays = new Set(ar.sample([0, 1, 2, 3, 4, 5, 6, 7], 2));
        const days: number[] = [];
        const day0 = Math.floor(start / DAY) * DAY;
        for (let d = -1; d < 8; d++) {
          if (offDays.has(d + 1)) continue;
          const s = day0 + d * DAY + (shift - site.tz) * HOUR + ar.float(-10, 25) * MIN;
          if (s + 8 * HOUR > start && s < end) days.push(s);
        }
        if (days.length === 0) continue;
        const perDay = Math.max(1, Math.round(n / days.length));
        let used = false;
        for (const s of days) {
          const dr = ar.fork(`d${Math.floor(s)}`);
          const project = dr.pick(projects);
          const k = Math.max(1, Math.round(perDay * dr.float(0.6, 1.4)));
          const times = Array.from({ length: k }, () => {
            const off = dr.float(0, 7.5) * HOUR;
            return s + (off > 3.8 * HOUR ? off + 0.5 * HOUR : off);
          }).sort((x, y) => x - y);
          let prev = '';
          for (const t0 of times) {
            const t = Math.floor(t0);
            if (t < start || t >= end) continue;
            let prompt: string;
            const u = dr.next();
            if (prev && u < 0.1) prompt = dr.pick(FOLLOW);
            else if (u < 0.22)
              prompt = kit.prompts.benign.chatPrompt(dr, data, { chat_en: 3, work_en: 2, roles_en: 0.5 }, false);
            else prompt = task(dr, project);
            prev = prompt;
            const model = kit.adoptModel(dr, models, t, 0.9, policyLag);
            events.push(kit.emit(dr, world, acct, t, prompt, { ip: dr.pick(nat), pf: card, ua }, model));
            helperReq++;
            used = true;
          }
        }
        if (used) accounts.push(acct);
      }
      drawn.push({
        site: site.city,
        tz: site.tz,
        annotators: nAnn,
        cohorts: cohorts.length,
        projects,
        nat_ips: nat.length,
        model_policy_lag_hours: round(policyLag, 1),
        requests: helperReq,
      });

      function task(r: Rng, project: Project): string {
        const tpl = r.pick(ASK[project]);
        if (project === 'math_verify') {
          if (r.chance(0.5)) {
            const g = kit.prompts.mathgen.genProblem(r);
            return fillSlots(tpl, { q: g.en, a: g.answer, task: `T-${r.int(10000, 99999)}` });
          }
          const c = r.pick(data.cot);
          return fillSlots(tpl, { q: c.q, a: c.a, task: `T-${r.int(10000, 99999)}` });
        }
        if (project === 'zh_review') {
          const zq = truncate(r.pick(data.halluqa), 400);
          return fillSlots(tpl, { zq, za: kit.prompts.zhtext.zhAnswer(r, zq), zb: kit.prompts.zhtext.zhAnswer(r, zq) });
        }
        const pair = r.pick(data.alpaca);
        const out = truncate(pair.output, 1200);
        return fillSlots(tpl, {
          q: project === 'summary_qa' ? truncate(pair.output, 1500) : pair.instruction,
          r1: project === 'summary_qa' ? truncate(out, r.int(120, 300)) : r.chance(0.5) ? out : degrade(r, out),
          r2: degrade(r, out),
          claim: truncate(pair.output.split('\n')[0] ?? pair.output, 300),
          task: `T-${r.int(10000, 99999)}`,
          u: truncate(r.pick(data.pools.roles_en), 300),
        });
      }
    }
    return { params: { vendors: drawn }, accounts, events };
  },
};
