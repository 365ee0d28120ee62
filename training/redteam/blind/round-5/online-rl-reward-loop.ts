import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import {
  DAY,
  HOUR,
  MIN,
  SEC,
  breakCode,
  clamp,
  degrade,
  fillSlots,
  identFor,
  numbered,
  proxyIps,
  resolveStrategy,
  round,
  truncate,
} from './lib/common.js';

/**
 * The frontier model as the live reward function of the campaign's own reinforcement-learning run (GRPO-style
 * online RL). The student model is trained elsewhere; at every optimiser step the trainer samples a batch of
 * prompts, generates a group of k rollouts per prompt with the student, and needs a reward for each rollout.
 * That reward call is sent to the API: one grading request per rollout (scalar reward against a reference,
 * CORRECT/INCORRECT verdict, per-criterion JSON, process-reward step labels, code pass probability, rating, or
 * a reference-relative preference), or one request ranking the whole group. A step's calls leave together, in a
 * fan-out of a few seconds, and the reward server spreads them over a pool of accounts through a quota-aware
 * load balancer (round robin, least loaded, or random by remaining quota), with a group's siblings either spread
 * over different accounts or kept on one. Steps follow the trainer's clock: fixed-period runs with restarts,
 * bursts, operator working hours, or a slow drip. The rollouts themselves change as the student learns: the share
 * of correct answers rises and the reasoning gets longer through each run. Every few steps an eval pass grades
 * held-out items once each. Accounts also carry unrelated real prompts through the same proxies.
 */

type Domain = 'math' | 'code' | 'open';
type Form =
  | 'scalar_ref'
  | 'verdict'
  | 'criteria_json'
  | 'prm'
  | 'group_rank'
  | 'pass_prob'
  | 'verdict_code'
  | 'rating'
  | 'ref_relative';

const FORMS_BY_DOMAIN: Record<Domain, Form[]> = {
  math: ['scalar_ref', 'verdict', 'criteria_json', 'prm', 'group_rank'],
  code: ['pass_prob', 'verdict_code', 'group_rank'],
  open: ['rating', 'ref_relative', 'criteria_json', 'group_rank'],
};

/** Our own reward prompts. Slots: {q} task, {ref} reference, {resp} one rollout, {steps} numbered steps, {cands} the group, {k}. */
const EN: Record<Form, string[]> = {
  scalar_ref: [
    'You are the reward function for a training run. Compare the final answer of the policy output with the reference answer.\n\nProblem:\n{q}\n\nReference answer: {ref}\n\nPolicy output:\n{resp}\n\nReturn only a number between 0 and 1: 1 if the final answer is equivalent to the reference, partial credit for correct intermediate work, 0 otherwise.',
    'Grade the attempt below. Output a single float in [0,1] and nothing else.\nQuestion: {q}\nGround truth: {ref}\nAttempt:\n{resp}',
  ],
  verdict: [
    'Check the following solution. The expected answer is {ref}. Is the final answer of the solution correct? Reply with exactly one word: CORRECT or INCORRECT.\n\nQuestion: {q}\n\nSolution:\n{resp}',
    'Determine whether the response reaches the correct result ({ref}). Ignore formatting differences. Answer "yes" or "no" only.\n\n[Question]\n{q}\n\n[Response]\n{resp}',
  ],
  criteria_json: [
    'Score the response. correctness: 0-5, reasoning: 0-5, format: 0-2. Be strict; the scores are used directly as a training signal. Output JSON {"correctness": n, "reasoning": n, "format": n, "total": n} and nothing else.\n\n[Prompt]\n{q}\n\n[Reference]\n{ref}\n\n[Response]\n{resp}',
    'Evaluate the candidate on accuracy (1-10), completeness (1-10) and clarity (1-10). Respond with a JSON object only.\n\nTask: {q}\nReference: {ref}\nCandidate:\n{resp}',
  ],
  prm: [
    'Label each step of the attempt with + (correct and useful) or - (incorrect or useless). Output one label per line, nothing else.\n\nProblem: {q}\n\nAttempt:\n{steps}',
    'For every numbered step below, output 1 if the step is mathematically valid given the previous steps and 0 otherwise, as a JSON list.\n\nProblem: {q}\nSteps:\n{steps}',
  ],
  group_rank: [
    'Here are {k} candidate responses to the same prompt. Give each a score from 0 to 10 and return a JSON list of {k} numbers in the order given. No explanation.\n\nPrompt:\n{q}\n\n{cands}',
    'Rank the following {k} attempts from best to worst (consider correctness first, then clarity). Output the ranking as a comma-separated list of attempt numbers.\n\nTask: {q}\nReference: {ref}\n\n{cands}',
  ],
  pass_prob: [
    'Estimate the probability (0.00-1.00) that this implementation passes a hidden unit-test suite for the specification. Output only the number.\n\nSpecification:\n{q}\n\nImplementation:\n{resp}',
    'You are a code reward model. Read the function and its docstring and output a reward in [0, 1] reflecting whether it is correct on all inputs. Output the number only.\n\n{resp}',
  ],
  verdict_code: [
    'Does this implementation satisfy the docstring for every input, including edge cases? Answer PASS or FAIL on the first line, nothing else.\n\n{resp}',
    'Act as a test oracle. Reference solution and candidate solution follow. Reply EQUIVALENT if they behave identically on all valid inputs, otherwise DIFFERENT.\n\nReference:\n{ref}\n\nCandidate:\n{resp}',
  ],
  rating: [
    'Rate the assistant response from 1 to 10 for helpfulness, honesty and harmlessness. The rating is used as a reward, so use the full scale. Output: Rating: <n>\n\nUser: {q}\n\nAssistant: {resp}',
    'How good is this answer to the instruction? Output one integer from 1 (useless) to 7 (excellent).\n\nInstruction: {q}\nAnswer: {resp}',
  ],
  ref_relative: [
    'Compare the candidate to the reference response for the instruction. Output a single number in [-1, 1]: positive if the candidate is better, negative if worse, 0 if equal.\n\nInstruction: {q}\n\nReference: {ref}\n\nCandidate: {resp}',
    'Is response B better than response A? Output the probability that B is preferred by an expert, as a number between 0 and 1.\n\nQuery: {q}\n\nA: {ref}\n\nB: {resp}',
  ],
};
const ZH: Partial<Record<Form, string[]>> = {
  scalar_ref: [
    '你是一次训练中的奖励函数。请将策略模型输出的最终答案与参考答案比较。\n\n题目：\n{q}\n\n参考答案：{ref}\n\n模型输出：\n{resp}\n\n只输出0到1之间的一个数：最终答案与参考答案等价记1分，中间过程部分正确给部分分，否则记0分。',
  ],
  verdict: ['请判断下面解答的最终答案是否正确，标准答案为{ref}。只回答“正确”或“错误”。\n\n题目：{q}\n\n解答：\n{resp}'],
  criteria_json: [
    '请为以下回答打分：正确性0-5分，推理过程0-5分，格式0-2分。分数将直接作为训练信号，请严格评分。只输出JSON：{"correctness": n, "reasoning": n, "format": n, "total": n}。\n\n【题目】\n{q}\n\n【参考答案】\n{ref}\n\n【回答】\n{resp}',
  ],
  prm: [
    '请逐步判断下面解题过程的每一步是否正确，正确输出+，错误输出-，每行一个标记，不要输出其他内容。\n\n题目：{q}\n\n解题过程：\n{steps}',
  ],
  group_rank: [
    '下面是同一道题的{k}个候选回答。请给每个回答打0-10分，按给出顺序输出包含{k}个数字的JSON列表，不要解释。\n\n题目：\n{q}\n\n{cands}',
  ],
  rating: [
    '请从1到10分评价助手的回答（有用性、真实性、无害性），该分数将用作奖励，请充分使用分数区间。输出格式：评分：<n>\n\n用户：{q}\n\n助手：{resp}',
  ],
};

const REFLECT_EN = [
  'Wait, let me double-check that step.',
  'Hmm, that does not look right. Let me recompute.',
  'Let me verify by plugging the value back in.',
  'Actually, I should re-read the question.',
  'Checking the arithmetic again:',
];
const REFLECT_ZH = [
  '等一下，我再检查一下这一步。',
  '嗯，好像不对，重新算一遍。',
  '把结果代回题目验证一下。',
  '再读一遍题目。',
];

interface Run {
  id: number;
  domain: Domain;
  form: Form;
  lang: 'en' | 'zh';
  phrasing: number;
  rolloutFormat: 'think_boxed' | 'steps_final' | 'plain';
  acc: [number, number];
  growth: number;
  model: string;
  steps: number[];
}

interface Rollout {
  text: string;
  steps: string[];
}

export const spec: FamilySpec = {
  name: 'online_rl_reward_loop',
  kind: 'attack',
  description:
    "The model as the live reward function of the campaign's own online RL run (GRPO-style): at every trainer step a batch of prompts x a group of k student rollouts is graded, one reward call per rollout (scalar vs reference, verdict, per-criterion JSON, process-reward step labels, code pass probability, rating, reference-relative preference) or one ranking call per group; a step's calls fan out within seconds over a quota-aware load balancer across many accounts (siblings spread or kept together), on the trainer's clock (fixed-period runs with restarts, bursts, working hours or a slow drip); the rollouts improve and lengthen as the student learns, eval passes every few steps, real unrelated prompts through the same proxies.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const p = kit.drawCampaign(ctx, rng, 'online_rl_reward_loop', {
      accounts: [10, 200],
      requests: [30, 500],
      share: [0.3, 0.9],
      payment: ['shared', 'rotated', 'per_account', 'mixed'],
      ip: ['shared', 'rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'rotated', 'per_account', 'mixed'],
      org: ['shared', 'rotated', 'per_account', 'none', 'mixed'],
      timing: ['lockstep', 'bursty', 'human', 'low_and_slow'],
      ipSource: ['datacenter_proxy', 'commercial_proxy', 'residential_proxy'],
      camouflage: ['chat_en', 'work_en', 'code_en', 'math_en', 'data_en', 'chat_zh', 'roles_en', 'code_zh'],
      accessPaths: { direct: 0.6, 'cloud-a': 0.25, 'cloud-b': 0.15 },
      signupPaths: { standard: 0.4, startup: 0.3, research_program: 0.3 },
      accountAgeDays: [3, 90],
    });

    // Trainer and reward-server choices.
    const sr = rng.fork('style');
    const domains: Record<Domain, number> = sr.pick([
      { math: 1, code: 0, open: 0 },
      { math: 0, code: 1, open: 0 },
      { math: 0, code: 0, open: 1 },
      { math: 0.6, code: 0.4, open: 0 },
      { math: 0.5, code: 0.2, open: 0.3 },
    ]);
    const forms: Record<Domain, Form[]> = {
      math: sr.sample(FORMS_BY_DOMAIN.math, sr.int(1, 3)),
      code: sr.sample(FORMS_BY_DOMAIN.code, sr.int(1, 2)),
      open: sr.sample(FORMS_BY_DOMAIN.open, sr.int(1, 2)),
    };
    const groupSize = sr.pick([4, 6, 8, 8, 16]);
    const zhShare = sr.chance(0.45) ? round(sr.float(0.15, 0.7), 3) : 0;
    const placement = sr.pick(['spread', 'spread', 'sticky'] as const);
    const balancer = sr.pick(['round_robin', 'least_loaded', 'random_by_quota'] as const);
    const fanoutSec = sr.int(3, 60);
    const wantedBatch = sr.logInt(2, 32);
    const evalEvery = sr.pick([10, 20, 25, 50]);
    const evalItems = sr.int(8, 64);
    const switchPolicy = sr.pick(['pinned', 'new_runs', 'new_runs'] as const);
    const switchDelayH = round(sr.float(1, 24), 2);
    const nRunsWanted = sr.int(1, 5);

    // Accounts: spans, quotas and identifiers.
    const ir = rng.fork('ids');
    const slice = ir.sample(proxyIps(world, p.ip_source), ir.int(12, 80));
    const sharedIps = ir.sample(slice, ir.int(1, 4));
    const sharedCards = Array.from({ length: ir.int(1, 4) }, () => kit.newCard(ir));
    const cardPool = Array.from({ length: Math.max(3, Math.round(p.accounts / ir.float(2, 6))) }, () =>
      kit.newCard(ir),
    );
    const serverUa = ir.chance(0.5) ? kit.ua.scriptUa(ir) : kit.ua.sdkUa(ir);
    const uaPool = Array.from({ length: 20 }, () => kit.ua.sdkUa(ir));
    const sharedOrgs = Array.from({ length: ir.int(2, 6) }, () => kit.newOrgId(ir));
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;
    const camoZh = p.camouflage.sources.some((s) => s.endsWith('_zh'));
    const batches = Array.from(
      { length: p.creation_batches },
      () => start - ir.float(p.account_age_days[0], p.account_age_days[1]) * DAY,
    );

    interface Slot {
      acct: Account;
      ar: Rng;
      from: number;
      to: number;
      quota: number;
      used: number;
      benign: number;
      ip: (r: Rng) => string;
      pf: (r: Rng) => string;
      ua: (r: Rng) => string;
      camoTz: number;
    }
    const slots: Slot[] = [];
    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`key${i}`);
      const late = ar.chance(0.25);
      const from = late ? start + ar.float(0.05, 0.6) * (end - start) : start;
      const to = ar.chance(0.2) ? Math.max(from + 12 * HOUR, end - ar.float(0.05, 0.35) * (end - start)) : end;
      const createdAt = late ? from - ar.float(0.2, 30) * HOUR : ar.pick(batches) + ar.float(0, 40) * MIN;
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
      const share = clamp(ar.normal(p.attack_share, 0.07), 0.1, 0.9);
      const quota = Math.max(1, Math.round(n * share));
      slots.push({
        acct,
        ar,
        from,
        to: Math.min(end, to),
        quota,
        used: 0,
        benign: Math.max(0, n - quota),
        ip: identFor(ar, resolveStrategy(ar, p.identifiers.ip), sharedIps, slice, () => ar.pick(slice), true),
        pf: identFor(
          ar,
          resolveStrategy(ar, p.identifiers.payment),
          sharedCards,
          cardPool,
          () => kit.newCard(ar),
          false,
        ),
        ua: identFor(
          ar,
          resolveStrategy(ar, p.identifiers.user_agent),
          [serverUa],
          uaPool,
          () => kit.ua.sdkUa(ar),
          true,
        ),
        camoTz: ar.pick([p.operator_tz, p.operator_tz, -5, 1, 8]),
      });
    }
    const budget = slots.reduce((s, x) => s + x.quota, 0);

    // Batch size from the budget, then the trainer's step clock.
    // The trainer's prompt batch, shrunk when the budget would not give at least a dozen steps.
    const promptsPerStep = clamp(Math.min(wantedBatch, Math.floor(budget / (groupSize * 12))), 1, 32);
    const nSteps = Math.max(1, Math.ceil(budget / (promptsPerStep * groupSize)));
    const len = end - start;
    const tr = rng.fork('trainer');
    const blocks: number[][] = [];
    const d = p.timing_detail;
    if (p.timing === 'lockstep' || p.timing === 'low_and_slow') {
      const runs = p.timing === 'lockstep' ? nRunsWanted : 1;
      const wantPeriod = p.timing === 'lockstep' ? tr.float(1.5, 12) * MIN : len / nSteps;
      const period = Math.min(wantPeriod, (0.9 * len) / nSteps);
      const weights = Array.from({ length: runs }, () => tr.float(0.5, 1.5));
      const wsum = weights.reduce((a, b) => a + b, 0);
      const counts = weights.map((w) => Math.max(1, Math.round((w / wsum) * nSteps)));
      const slack = Math.max(0, len - nSteps * period - MIN);
      const gaps = Array.from({ length: runs + 1 }, () => tr.next());
      const gsum = gaps.reduce((a, b) => a + b, 0);
      let t = start + ((gaps[0] ?? 0) / gsum) * slack;
      counts.forEach((c, k) => {
        const block: number[] = [];
        for (let j = 0; j < c && t < end - MIN; j++) {
          const jitter =
            p.timing === 'lockstep' ? tr.float(0, (d.jitter_ms ?? 1000) / 1000) * SEC : tr.float(-0.3, 0.3) * period;
          block.push(clamp(t + jitter, start, end - MIN));
          t += period;
        }
        if (block.length) blocks.push(block);
        t += ((gaps[k + 1] ?? 0) / gsum) * slack;
      });
    } else if (p.timing === 'bursty') {
      const bursts = kit.time.makeBursts(
        tr,
        ctx.span,
        d.bursts ?? 12,
        d.burst_min_minutes ?? 10,
        d.burst_max_minutes ?? 60,
      );
      const total = bursts.reduce((s, b) => s + (b.end - b.start), 0);
      for (const b of bursts) {
        const c = Math.max(1, Math.round(((b.end - b.start) / total) * nSteps));
        const period = Math.max(20 * SEC, (b.end - b.start) / c);
        const block: number[] = [];
        for (let j = 0; j < c && b.start + j * period < end - MIN; j++) block.push(b.start + j * period);
        blocks.push(block);
      }
    } else {
      // Operators start the trainer in the morning and stop it in the evening (their local time).
      const dayStart = Math.floor(start / DAY) * DAY;
      const windows: [number, number][] = [];
      for (let day = dayStart - DAY; day < end; day += DAY) {
        if (tr.chance(1 - (d.weekend_factor ?? 0.8)) && new Date(day + p.operator_tz * HOUR).getUTCDay() % 6 === 0)
          continue;
        const open = day - p.operator_tz * HOUR + tr.float(8.5, 10.5) * HOUR;
        const close = day - p.operator_tz * HOUR + tr.float(18, 23) * HOUR;
        const a = Math.max(open, start);
        const b = Math.min(close, end - MIN);
        if (b - a > 30 * MIN) windows.push([a, b]);
      }
      const total = windows.reduce((s, [a, b]) => s + (b - a), 0);
      const period = Math.max(30 * SEC, total / nSteps);
      for (const [a, b] of windows) {
        const block: number[] = [];
        for (let t = a + tr.float(0, period); t < b; t += period) block.push(t);
        if (block.length) blocks.push(block);
      }
    }

    // One run per block (a restart may change domain, reward form and rollout format).
    const runs: Run[] = blocks.map((steps, id) => {
      const rr = tr.fork(`run${id}`);
      const domain = rr.weightedKey(domains);
      const form = rr.pick(forms[domain]);
      const lang = domain !== 'code' && ZH[form] && rr.chance(zhShare) ? 'zh' : 'en';
      const a0 = rr.float(0.15, 0.5);
      const first = steps[0] ?? start;
      return {
        id,
        domain,
        form,
        lang,
        phrasing: rr.int(0, 9),
        rolloutFormat: rr.pick(['think_boxed', 'steps_final', 'plain'] as const),
        acc: [a0, Math.min(0.95, a0 + rr.float(0.15, 0.45))],
        growth: rr.float(0, 4),
        model:
          switchPolicy === 'new_runs' && first >= models.nextReleaseAt + switchDelayH * HOUR
            ? models.next
            : models.current,
        steps,
      };
    });

    const templateOf = (run: Run): string => {
      const list = run.lang === 'zh' ? (ZH[run.form] ?? EN[run.form]) : EN[run.form];
      return list[run.phrasing % list.length] ?? EN[run.form][0]!;
    };

    // Task instances and student rollouts.
    interface Task {
      q: string;
      ref: string;
      rollout: (r: Rng, progress: number) => Rollout;
    }
    const makeTask = (r: Rng, run: Run): Task => {
      if (run.domain === 'math') {
        const g = kit.prompts.mathgen.genProblem(r);
        const zh = run.lang === 'zh';
        return {
          q: zh ? g.zh : g.en,
          ref: String(g.answer),
          rollout: (rr, progress) => {
            const correct = rr.chance(run.acc[0] + (run.acc[1] - run.acc[0]) * progress);
            const final = correct ? g.answer : g.answer + rr.pick([-10, -3, -2, -1, 1, 2, 4, 10]);
            const steps = (zh ? g.stepsZh : g.stepsEn).slice();
            if (!correct && steps.length > 0) {
              const k = rr.int(0, steps.length - 1);
              steps[k] = (steps[k] ?? '').replace(/\d+(?=\D*$)/, (x) => String(Number(x) + rr.int(1, 7)));
            }
            const reflections = Math.floor(rr.float(0, 1 + run.growth * progress));
            for (let j = 0; j < reflections; j++) {
              steps.splice(rr.int(1, steps.length), 0, rr.pick(zh ? REFLECT_ZH : REFLECT_EN));
            }
            const body = steps.join('\n');
            const text =
              run.rolloutFormat === 'think_boxed'
                ? `<think>\n${body}\n</think>\n${zh ? '答案是' : 'The answer is'} \\boxed{${final}}.`
                : run.rolloutFormat === 'steps_final'
                  ? `${numbered(steps)}\n${zh ? '最终答案' : 'Final answer'}: ${final}`
                  : `${body} ${zh ? '所以答案是' : 'So the answer is'} ${final}.`;
            return { text, steps };
          },
        };
      }
      if (run.domain === 'code') {
        const h = r.pick(data.humanEval);
        return {
          q: h.prompt,
          ref: `${h.prompt}${h.solution}`,
          rollout: (rr, progress) => {
            const correct = rr.chance(run.acc[0] + (run.acc[1] - run.acc[0]) * progress);
            const sol = correct ? h.solution : breakCode(rr, h.solution);
            const code = `${h.prompt}${sol}`;
            return {
              text: run.rolloutFormat === 'plain' ? code : `\`\`\`python\n${code}\n\`\`\``,
              steps: sol.split('\n'),
            };
          },
        };
      }
      if (run.lang === 'zh') {
        const q = truncate(r.pick(data.pools.chat_zh), 700);
        return {
          q,
          ref: kit.prompts.zhtext.zhAnswer(r, q),
          rollout: (rr) => {
            const t = kit.prompts.zhtext.zhAnswer(rr, q);
            return { text: t, steps: [t] };
          },
        };
      }
      const pair = r.pick(data.alpaca);
      const good = truncate(pair.output, 1500);
      return {
        q: pair.instruction,
        ref: good,
        rollout: (rr, progress) => {
          const ok = rr.chance(run.acc[0] + (run.acc[1] - run.acc[0]) * progress);
          const t = ok ? good : degrade(rr, good);
          return { text: t, steps: kit.prompts.text.sentences(t) };
        },
      };
    };
    const render = (run: Run, task: Task, ro: Rollout[]): string => {
      const tpl = templateOf(run);
      const zh = run.lang === 'zh';
      const cands = ro
        .map((x, j) => `${zh ? `回答${j + 1}` : `[Attempt ${j + 1}]`}\n${truncate(x.text, 900)}`)
        .join('\n\n');
      const first = ro[0] ?? { text: '', steps: [] };
      return fillSlots(tpl, {
        q: task.q,
        ref: task.ref,
        resp: first.text,
        steps: numbered(first.steps),
        cands,
        k: ro.length,
      });
    };

    // The load balancer.
    let rrPtr = 0;
    const pickSlot = (r: Rng, t: number): Slot | undefined => {
      const ok = (s: Slot) => s.used < s.quota && t >= s.from && t < s.to;
      if (balancer === 'round_robin') {
        for (let j = 0; j < slots.length; j++) {
          const s = slots[(rrPtr + j) % slots.length]!;
          if (ok(s)) {
            rrPtr = (rrPtr + j + 1) % slots.length;
            return s;
          }
        }
        return undefined;
      }
      const live = slots.filter(ok);
      if (live.length === 0) return undefined;
      if (balancer === 'least_loaded') {
        let best = live[0]!;
        for (const s of live) if (s.used / s.quota < best.used / best.quota) best = s;
        return best;
      }
      return r.weighted(live.map((s) => [s, s.quota - s.used] as const));
    };

    const events: DraftEvent[] = [];
    let harvested = 0;
    let dropped = 0;
    let groups = 0;
    let evalCalls = 0;
    const send = (s: Slot | undefined, t: number, prompt: string, model: string) => {
      if (!s || t >= end) {
        dropped++;
        return;
      }
      s.used++;
      harvested++;
      events.push(kit.emit(s.ar, world, s.acct, t, prompt, { ip: s.ip(s.ar), pf: s.pf(s.ar), ua: s.ua(s.ar) }, model));
    };
    const br = rng.fork('steps');
    let stepNo = 0;
    outer: for (const run of runs) {
      for (let si = 0; si < run.steps.length; si++) {
        if (harvested + dropped >= budget) break outer;
        const t0 = run.steps[si] ?? start;
        const progress = run.steps.length > 1 ? si / (run.steps.length - 1) : 0.5;
        const sr2 = br.fork(`s${stepNo}`);
        stepNo++;
        for (let b = 0; b < promptsPerStep; b++) {
          const task = makeTask(sr2, run);
          const ro = Array.from({ length: groupSize }, () => task.rollout(sr2, progress));
          groups++;
          const at = () => t0 + sr2.float(0, fanoutSec) * SEC;
          if (run.form === 'group_rank') {
            const t = at();
            send(pickSlot(sr2, t), t, render(run, task, ro), run.model);
            continue;
          }
          const t1 = at();
          const sticky = placement === 'sticky' ? pickSlot(sr2, t1) : undefined;
          for (const x of ro) {
            const t = placement === 'sticky' ? t1 + sr2.float(0, 4) * SEC : at();
            const s = sticky && sticky.used < sticky.quota ? sticky : pickSlot(sr2, t);
            send(s, t, render(run, task, [x]), run.model);
          }
        }
        if (stepNo % evalEvery === 0) {
          const te = t0 + (fanoutSec + sr2.float(5, 60)) * SEC;
          for (let e = 0; e < evalItems; e++) {
            const task = makeTask(br.fork(`eval-${run.domain}-${run.lang}-${e}`), run);
            const t = te + sr2.float(0, fanoutSec) * SEC;
            send(pickSlot(sr2, t), t, render(run, task, [task.rollout(sr2, progress)]), run.model);
            evalCalls++;
          }
        }
      }
    }

    // Unrelated real prompts through the same proxies and keys.
    let camoCount = 0;
    for (const s of slots) {
      const n = s.benign;
      if (n <= 0) continue;
      const times = kit.time.humanTimes(
        s.ar,
        n,
        { from: s.from, to: s.to },
        {
          tzHours: s.camoTz,
          profile: 'personal',
          weekendFactor: 0.9,
          sessionMean: s.ar.float(1.5, 5),
          gapMedianSec: 45,
        },
      );
      for (const t of times) {
        const prompt = kit.prompts.benign.chatPrompt(s.ar, data, camo, camoZh && s.ar.chance(0.5));
        const model = kit.adoptModel(s.ar, models, t, 0.5, s.ar.float(2, 48));
        events.push(
          kit.emit(s.ar, world, s.acct, t, prompt, { ip: s.ip(s.ar), pf: s.pf(s.ar), ua: s.ua(s.ar) }, model),
        );
        camoCount++;
      }
    }

    const used = new Set(events.map((e) => e.accountId));
    const kept = slots.map((s) => s.acct).filter((a) => used.has(a.id));
    return {
      params: {
        ...p,
        accounts: kept.length,
        domains,
        reward_forms: forms,
        group_size: groupSize,
        prompts_per_step: promptsPerStep,
        wanted_prompts_per_step: wantedBatch,
        planned_steps: nSteps,
        steps_run: stepNo,
        runs: runs.map((r) => ({
          start: kit.iso(r.steps[0] ?? start),
          steps: r.steps.length,
          domain: r.domain,
          form: r.form,
          lang: r.lang,
          rollout_format: r.rolloutFormat,
          accuracy: [round(r.acc[0], 3), round(r.acc[1], 3)],
          model: r.model,
        })),
        zh_share: zhShare,
        group_placement: placement,
        balancer,
        fanout_sec: fanoutSec,
        eval_every_steps: evalEvery,
        eval_items: evalItems,
        judge_model_policy: switchPolicy,
        judge_switch_delay_hours: switchDelayH,
        reward_budget: budget,
        groups,
        eval_calls: evalCalls,
        harvest_requests: harvested,
        dropped_no_quota: dropped,
        camouflage_requests: camoCount,
        realised_attack_share: round(harvested / Math.max(1, events.length), 3),
      },
      accounts: kept,
      events,
    };
  },
};
