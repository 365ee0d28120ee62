import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import {
  DAY,
  HOUR,
  MIN,
  campaignModeTimes,
  degrade,
  fillSlots,
  identFor,
  proxyIps,
  resolveStrategy,
  round,
  runsOf,
  truncate,
} from './lib/common.js';

/**
 * A reward-label harvest hidden inside a real-looking "LLM evaluation console" product. Every account is a
 * customer workspace of the console (startup sign-ups, one org each, opened one by one over weeks, a few inside
 * the window). A workspace's traffic has the product's shape: an eval run first sends the benchmark prompts to
 * the model under test (real public prompts), then grades the outputs with the console's branded judge
 * templates. The runs are real, but the grading stage is where the harvest is: the operator's own preference
 * pairs and scoring items are queued into the judge stage of every workspace, and each item is graded by
 * several workspaces (consensus labels), so identical grading prompts recur across unrelated-looking accounts.
 * Some judge calls use real public judge templates, as a customer's standard metric would.
 */

const BRANDS = ['EvalForge', 'Gradient Bench', 'JudgeKit', 'ScoreLab', 'Evalyze', 'BenchPilot', '评测云'];
const METRICS = ['helpfulness', 'faithfulness', 'answer_quality', 'tone', 'correctness', 'instruction_following'];
const CRIT_EN = [
  'accuracy',
  'helpfulness',
  'completeness',
  'clarity',
  'harmlessness',
  'concision',
  'reasoning quality',
];
const CRIT_ZH = ['准确性', '有用性', '完整性', '清晰度', '逻辑性', '安全性'];
const CONSOLE_JUDGES = [
  '[{brand} judge v{ver}] You are the grader for an evaluation run.\nCriteria: {crit}.\nCompare OUTPUT_A and OUTPUT_B for the INPUT and return JSON {"winner": "A"|"B"|"tie", "margin": <0-1>}.\n\nINPUT:\n{q}\n\nOUTPUT_A:\n{a}\n\nOUTPUT_B:\n{b}',
  '{brand} eval | metric "{metric}" | scorer=llm\nScore the candidate output from {lo} to {hi} for {crit}. Respond with {"score": <number>} only.\n\n<input>\n{q}\n</input>\n<output>\n{a}\n</output>',
  '{brand} pairwise-preference task #{task}\nA user prompt and two completions follow. Which completion would a careful human rater prefer? Consider {crit}. Output "A" or "B", then a confidence between 0 and 1 on the next line.\n\nPrompt: {q}\n\nCompletion A: {a}\n\nCompletion B: {b}',
  '{brand} step-check scorer\nFor each numbered step of the solution, output 1 if it is correct and 0 if it is not, as a JSON list. No explanation.\n\nProblem: {pq}\nSolution:\n{steps}',
  '{brand} 评测任务 · 裁判模型\n请根据{critZh}对回答A和回答B进行比较，输出JSON：{"winner": "A"或"B"或"平局", "score_a": 1-10, "score_b": 1-10}。\n\n问题：{qz}\n\n回答A：{az}\n\n回答B：{bz}',
];
const GEN_WRAP = ['{p}', '{p}', '{p}', 'Answer the following.\n\n{p}', '{p}\n\nRespond concisely.'];

type HarvestKind = 'console' | 'kit' | 'public';

export const spec: FamilySpec = {
  name: 'eval_console_harvest',
  kind: 'attack',
  description:
    "Reward-label harvest inside a real-looking LLM-evaluation console: each account is a customer workspace (startup sign-up, its own org, opened one by one over weeks); its runs first send real benchmark prompts to the model under test, then grade the outputs with the console's branded judge templates, and the operator's own preference pairs / scoring items are queued into that judge stage and graded by several workspaces each (consensus labels), plus some real public judge templates.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const p = kit.drawCampaign(ctx, rng, 'eval_console_harvest', {
      accounts: [5, 160],
      requests: [20, 500],
      share: [0.1, 0.9],
      payment: ['shared', 'rotated', 'per_account', 'mixed'],
      ip: ['shared', 'rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'rotated', 'per_account', 'mixed'],
      org: ['per_account', 'per_account', 'shared', 'mixed', 'none'],
      timing: ['human', 'lockstep', 'bursty', 'low_and_slow'],
      ipSource: ['datacenter_proxy', 'commercial_proxy', 'residential_proxy'],
      camouflage: ['chat_en', 'work_en', 'math_en', 'code_en', 'exam_en', 'roles_en', 'chat_zh', 'math_zh', 'data_en'],
      accessPaths: { direct: 0.85, 'cloud-a': 0.15 },
      signupPaths: { startup: 0.65, standard: 0.2, enterprise: 0.15 },
      accountAgeDays: [2, 120],
    });
    const sr = rng.fork('style');
    const brand = sr.pick(BRANDS);
    const version = `${sr.int(1, 4)}.${sr.int(0, 9)}`;
    const votes = sr.int(1, 5);
    const mix: Record<HarvestKind, number> = {
      console: round(sr.float(0.3, 1), 3),
      kit: round(sr.float(0, 0.7), 3),
      public: round(sr.float(0, 0.3), 3),
    };
    const consoleTpl = sr.sample(
      CONSOLE_JUDGES.map((_, i) => i),
      sr.int(2, CONSOLE_JUDGES.length),
    );
    const zhShare = sr.chance(0.4) ? round(sr.float(0.1, 0.5), 3) : 0;
    const scale = sr.pick([
      [1, 10],
      [1, 5],
      [0, 1],
      [0, 100],
    ] as const);
    const rm = kit.prompts.rubric.drawRubricStyle(
      sr.fork('rm'),
      { en: 1 - zhShare, zh: zhShare, ja: 0, ko: 0, ru: 0, es: 0 },
      0,
    );
    const runGapMin = sr.int(8, 40);
    const judgeSwitch = sr.chance(0.5)
      ? { fraction: round(sr.float(0.3, 1), 3), delay_hours: round(sr.float(2, 30), 2) }
      : null;

    const consoleItem = (r: Rng): string => {
      const idx = r.pick(consoleTpl);
      const tpl = CONSOLE_JUDGES[idx] ?? CONSOLE_JUDGES[0]!;
      if (idx === 4 || (zhShare > 0 && r.chance(zhShare) && idx !== 3)) {
        const qz = truncate(r.pick(data.pools.chat_zh), 600);
        return fillSlots(CONSOLE_JUDGES[4]!, {
          brand,
          critZh: r.sample(CRIT_ZH, r.int(2, 3)).join('、'),
          qz,
          az: kit.prompts.zhtext.zhAnswer(r, qz),
          bz: kit.prompts.zhtext.zhAnswer(r, qz),
        });
      }
      if (idx === 3) {
        const g = kit.prompts.mathgen.genProblem(r);
        const steps = g.stepsEn.map((s) =>
          r.chance(0.25) ? s.replace(/\d+/, (d) => String(Number(d) + r.int(1, 9))) : s,
        );
        return fillSlots(tpl, { brand, pq: g.en, steps: kit.prompts.text.numbered(steps) });
      }
      const pair = r.pick(data.alpaca);
      const good = truncate(pair.output, 1600);
      const bad = degrade(r, good);
      const swap = r.chance(0.5);
      return fillSlots(tpl, {
        brand,
        ver: version,
        task: r.int(10000, 99999),
        metric: r.pick(METRICS),
        crit: r.sample(CRIT_EN, r.int(1, 3)).join(', '),
        lo: scale[0],
        hi: scale[1],
        q: pair.instruction,
        a: swap ? bad : good,
        b: swap ? good : bad,
      });
    };
    const harvestItem = (r: Rng): string => {
      const k = r.weightedKey(mix);
      if (k === 'kit') return kit.prompts.rubric.rubricPrompt(r, data, rm);
      if (k === 'public') return kit.prompts.judge.realJudgePrompt(r, data, { lang: r.chance(zhShare) ? 'zh' : 'en' });
      return consoleItem(r);
    };

    // Identifiers of the console's backend.
    const ir = rng.fork('ids');
    const slice = ir.sample(proxyIps(world, p.ip_source), ir.int(10, 60));
    const egress = ir.sample(slice, ir.int(1, 4));
    const sharedCards = Array.from({ length: ir.int(1, 3) }, () => kit.newCard(ir));
    const cardPool = Array.from({ length: Math.max(3, Math.round(p.accounts / ir.float(2, 5))) }, () =>
      kit.newCard(ir),
    );
    const workerUa = `${brand.toLowerCase().replace(/[^a-z]/g, '') || 'evalcloud'}-worker/${version}.${ir.int(0, 20)} ${kit.ua.scriptUa(ir)}`;
    const uaPool = Array.from({ length: 16 }, () => (ir.chance(0.6) ? kit.ua.evalUa(ir) : kit.ua.sdkUa(ir)));
    const sharedOrgs = Array.from({ length: ir.int(2, 6) }, () => kit.newOrgId(ir));
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;
    const bursts = kit.time.makeBursts(
      ir,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    );

    interface Slot {
      t: number;
      judge: boolean;
    }
    interface Plan {
      acct: Account;
      ar: Rng;
      slots: Slot[];
      ip: (r: Rng) => string;
      pf: (r: Rng) => string;
      ua: (r: Rng) => string;
      target: string;
      lag: number;
    }
    const plans: Plan[] = [];
    const accounts: Account[] = [];
    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`ws${i}`);
      const late = ar.chance(0.15);
      const from = late ? start + ar.float(0, 0.6) * (end - start) : start;
      const createdAt = late
        ? from - ar.float(0.5, 20) * HOUR
        : start - ar.float(p.account_age_days[0], p.account_age_days[1]) * DAY;
      const orgMode =
        p.identifiers.org === 'mixed' ? ar.pick(['none', 'shared', 'per_account'] as const) : p.identifiers.org;
      const orgId =
        orgMode === 'per_account'
          ? kit.newOrgId(ar)
          : orgMode === 'shared'
            ? sharedOrgs[0]
            : orgMode === 'rotated'
              ? ar.pick(sharedOrgs)
              : undefined;
      const acct = kit.newAccount(ar, {
        createdAt: Math.min(createdAt, from - MIN),
        signupPath: ar.weightedKey(p.signup_paths as Record<string, number>) as Account['signupPath'],
        accessPath: ar.weightedKey(p.access_paths as Record<string, number>) as Account['accessPath'],
        ...(orgId ? { orgId } : {}),
        campaignId: p.campaign_id,
      });
      const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
      const share = Math.min(0.9, Math.max(0.1, ar.normal(p.attack_share, 0.07)));
      const times = campaignModeTimes(ar, p, n, { from, to: end }, bursts);
      const slots: Slot[] = [];
      for (const run of runsOf(times, runGapMin * MIN)) {
        // An eval run: generation calls first, then the judge stage.
        const exact = run.length * share;
        const h = Math.floor(exact) + (ar.chance(exact - Math.floor(exact)) ? 1 : 0);
        run.forEach((t, k) => slots.push({ t, judge: k >= run.length - h }));
      }
      const ipMode = resolveStrategy(ar, p.identifiers.ip);
      const pfMode = resolveStrategy(ar, p.identifiers.payment);
      const uaMode = resolveStrategy(ar, p.identifiers.user_agent);
      plans.push({
        acct,
        ar,
        slots,
        ip: identFor(ar, ipMode, egress, slice, () => ar.pick(slice), true),
        pf: identFor(ar, pfMode, sharedCards, cardPool, () => kit.newCard(ar), false),
        ua: identFor(ar, uaMode, [workerUa], uaPool, () => kit.ua.evalUa(ar), true),
        target: ar.weighted([
          [models.current, 5],
          [models.mini, 2],
          [models.next, 2],
        ] as const),
        lag: ar.float(1, 48),
      });
      accounts.push(acct);
    }

    // The operator's queue: each item graded by `votes` workspaces (shuffled copies so copies land on different accounts).
    const totalJudge = plans.reduce((s, pl) => s + pl.slots.filter((x) => x.judge).length, 0);
    const qr = rng.fork('queue');
    const items = Array.from({ length: Math.max(1, Math.ceil(totalJudge / votes)) }, (_, i) =>
      harvestItem(qr.fork(`item${i}`)),
    );
    const queue: string[] = [];
    for (let v = 0; v < votes; v++) queue.push(...qr.shuffle(items));
    let qi = 0;

    const events: DraftEvent[] = [];
    let judged = 0;
    for (const pl of plans) {
      const { ar, acct } = pl;
      for (const s of pl.slots) {
        let prompt: string;
        let model: string;
        if (s.judge) {
          prompt = queue[qi % queue.length] ?? items[0]!;
          qi++;
          judged++;
          model =
            judgeSwitch &&
            s.t >= models.nextReleaseAt + judgeSwitch.delay_hours * HOUR &&
            ar.chance(judgeSwitch.fraction)
              ? models.next
              : models.current;
        } else {
          prompt = fillSlots(ar.pick(GEN_WRAP), { p: kit.prompts.benign.realPrompt(ar, data, camo, 5000) });
          model = pl.target === models.next ? kit.adoptModel(ar, models, s.t, 0.9, pl.lag) : pl.target;
        }
        events.push(kit.emit(ar, world, acct, s.t, prompt, { ip: pl.ip(ar), pf: pl.pf(ar), ua: pl.ua(ar) }, model));
      }
    }
    const used = new Set(events.map((e) => e.accountId));
    const kept = accounts.filter((a) => used.has(a.id));
    return {
      params: {
        ...p,
        accounts: kept.length,
        creation: 'staggered_per_workspace',
        console_brand: brand,
        console_templates: consoleTpl,
        consensus_votes: votes,
        harvest_mix: mix,
        judge_zh_share: zhShare,
        score_scale: scale,
        run_gap_minutes: runGapMin,
        judge_model_switch: judgeSwitch,
        judge_requests: judged,
        distinct_judge_items: items.length,
        realised_attack_share: round(judged / Math.max(1, events.length), 3),
      },
      accounts: kept,
      events,
    };
  },
};
