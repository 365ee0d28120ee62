import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import { clip, fill, r3, trunc, HOUR, DAY } from './lib/common.js';

/**
 * A legitimate ed-tech tutoring company. Its backend relays students' math questions to the API through one
 * egress NAT (sometimes two), one corporate card and one org; each partner school (or region) has its own
 * service account, so dozens of accounts send the same tutor system prompt wrapped around real homework
 * questions, step-by-step explanations, hints, "the student answered X, the correct answer is Y, explain the
 * mistake" (answer given -> explanation, a hard negative for reasoning-trace extraction) and practice-problem
 * generation. School-day and homework-evening rhythm; the platform moves all schools to the new model in one
 * deployment (or not at all) - a legitimate synchronized model switch.
 */

const BRANDS = ['MathPal', 'Tutorly', 'StepWise', 'Brightpath', 'Numina Learn', 'QuizNest', '学而思维', '智学帮'];

const SYS_EN = [
  'You are {brand} Tutor, a patient math tutor for students in grades {g}. Explain step by step in simple language, check understanding, and never shame the student for mistakes.',
  'System: You are a friendly tutor on the {brand} homework app. Students are {g} graders. Walk them through the solution one step at a time and end with a quick check question.',
];
const SYS_ZH = [
  '你是{brand}的数学辅导老师，面向{g}年级学生。请用简单易懂的语言一步一步讲解，鼓励学生，不要直接只给答案。',
  '系统：你是{brand}作业辅导助手。学生是{g}年级，请分步骤讲解，并在最后出一道类似的小练习。',
];

const GSM = new WeakMap<object, { q: string; a: string; rationale: string }[]>();
function gsm8kRows(data: Parameters<FamilySpec['generate']>[0]['data']) {
  let rows = GSM.get(data);
  if (!rows) {
    rows = data.cot.filter((c) => c.task === 'gsm8k');
    if (rows.length === 0) rows = data.cot;
    GSM.set(data, rows);
  }
  return rows;
}

function zhGrade(r: Rng): string {
  return r.pick(['五', '六', '七', '八', '九', '高一', '高二']);
}

function tutorPrompt(
  r: Rng,
  ctx: Parameters<FamilySpec['generate']>[0],
  sys: string,
  zh: boolean,
  kinds: Record<string, number>,
): { kind: string; prompt: string } {
  const kind = r.weightedKey(kinds);
  const { data, kit } = ctx;
  if (zh) {
    const g = kit.prompts.mathgen.genProblem(r);
    const q = r.chance(0.5) ? g.zh : trunc(r.pick(data.pools.math_zh), 1500);
    const hasAns = q === g.zh;
    switch (kind) {
      case 'hint':
        return {
          kind,
          prompt: `${sys}\n\n学生卡在这道题上，请只给出下一步的提示，不要给出完整解答。\n题目：${q}\n学生目前的过程：${hasAns ? g.stepsZh[0] : '不知道从哪里开始'}`,
        };
      case 'mistake':
        if (hasAns)
          return {
            kind,
            prompt: `${sys}\n\n题目：${q}\n学生的答案：${g.answer + r.pick([-10, -2, 1, 3, 12])}\n正确答案：${g.answer}\n请一步一步告诉学生可能错在哪里，以及如何得到正确答案。`,
          };
        return { kind: 'explain', prompt: `${sys}\n\n学生提问：\n${q}` };
      case 'practice':
        return { kind, prompt: `${sys}\n\n请根据下面这道题，出一道情境不同但方法相同的练习题，并给出分步解答。\n${q}` };
      default:
        return { kind: 'explain', prompt: `${sys}\n\n学生提问：\n${q}` };
    }
  }
  const useCot = r.chance(0.6);
  const row = useCot ? r.pick(gsm8kRows(data)) : null;
  const gp = kit.prompts.mathgen.genProblem(r);
  const q = row ? row.q : r.chance(0.6) ? r.pick(data.pools.math_en) : gp.en;
  const ans = row ? row.a : q === gp.en ? String(gp.answer) : '';
  const first = row ? (row.rationale.split(/(?<=\.)\s/)[0] ?? '') : q === gp.en ? gp.stepsEn[0]! : '';
  switch (kind) {
    case 'hint':
      return {
        kind,
        prompt: `${sys}\n\nThe student is stuck. Give ONE hint for the next step only; do not solve the problem.\n\nProblem: ${q}\nStudent's work so far: ${first || "I don't know where to start."}`,
      };
    case 'mistake':
      if (ans) {
        const wrong = /^-?\d+(\.\d+)?$/.test(ans)
          ? String(Number(ans) + r.pick([-10, -3, -1, 2, 5, 20]))
          : 'something else';
        return {
          kind,
          prompt: `${sys}\n\nProblem: ${q}\nStudent's answer: ${wrong}\nCorrect answer: ${ans}\n\nExplain to the student, step by step, where their reasoning most likely went wrong and how to reach the correct answer. Keep it encouraging.`,
        };
      }
      return { kind: 'explain', prompt: `${sys}\n\nStudent question:\n${q}` };
    case 'practice':
      return {
        kind,
        prompt: `${sys}\n\nCreate one similar practice problem (same method, different story) for the problem below, followed by its worked solution.\n\n${q}`,
      };
    case 'check':
      return {
        kind,
        prompt: `${sys}\n\nStudent message: "${r.pick(['is this right?', 'i think the answer is', 'can u check my answer', 'did i do it right'])} ${ans || r.int(2, 90)}"\nProblem: ${q}`,
      };
    default:
      return { kind: 'explain', prompt: `${sys}\n\nStudent question:\n${q}` };
  }
}

export const spec: FamilySpec = {
  name: 'edtech_tutor_platform',
  kind: 'legit',
  description:
    'A legitimate ed-tech tutoring company: its backend relays students\' math questions through one egress NAT, one corporate card and one org, with a service account per partner school; every request wraps a real homework problem in the same tutor system prompt (step-by-step explanations, hints, "student answered X, correct answer is Y, explain the mistake", practice problems). School-day and homework-evening rhythm, near-identical template at volume across dozens of accounts, and one synchronized deployment to the new model.',
  generate(ctx) {
    const { kit, rng, world } = ctx;
    const nCo = rng.chance(0.7) ? 1 : 2;
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn = [];
    for (let c = 0; c < nCo; c++) {
      const cr = rng.fork(`co${c}`);
      const zh = cr.chance(0.35);
      const tz = zh ? 8 : cr.pick([-8, -6, -5, 0, 1, 5.5, 9]);
      const brand = zh ? cr.pick(BRANDS.slice(6)) : cr.pick(BRANDS.slice(0, 6));
      const org = kit.newOrgId(cr);
      const card = kit.newCard(cr);
      const nat = Array.from({ length: cr.chance(0.75) ? 1 : 2 }, () =>
        cr.chance(0.6) ? kit.ip.cloudIp(cr, world) : kit.ip.homeIp(cr, world),
      );
      const ua = `${brand.toLowerCase().replace(/[^a-z]/g, '') || 'edu'}-backend/${cr.int(2, 5)}.${cr.int(0, 30)} python-httpx/0.27.${cr.int(0, 2)}`;
      const sys = fill(cr.pick(zh ? SYS_ZH : SYS_EN), {
        brand,
        g: zh ? zhGrade(cr) : cr.pick(['4-6', '6-8', '7-9', '9-12']),
      });
      const kinds = {
        explain: r3(cr.float(3, 6)),
        hint: r3(cr.float(0.5, 3)),
        mistake: r3(cr.float(0.5, 2.5)),
        practice: r3(cr.float(0.2, 1.5)),
        check: zh ? 0 : r3(cr.float(0, 1)),
      };
      const schools = Math.max(4, Math.round(cr.int(8, 60) * ctx.scale));
      const launched = ctx.window.start - cr.float(60, 700) * DAY;
      const deploy = cr.chance(0.45)
        ? ctx.models.nextReleaseAt + cr.float(6, 60) * HOUR
        : cr.chance(0.3)
          ? ctx.models.nextReleaseAt + cr.float(1, 3) * HOUR
          : Infinity;
      const miniForHints = cr.chance(0.5);
      drawn.push({
        brand,
        zh,
        tz,
        schools,
        nat_ips: nat.length,
        kinds,
        deploy_new_model_at: Number.isFinite(deploy) ? kit.iso(deploy) : null,
        mini_for_hints: miniForHints,
      });
      for (let s = 0; s < schools; s++) {
        const r = cr.fork(`school${s}`);
        const n = r.logInt(30, 450);
        // School hours (in-class practice) plus homework evenings; weekends quieter.
        const nClass = Math.round(n * r.float(0.2, 0.5));
        const times = clip(
          [
            ...kit.time.humanTimes(r, nClass, ctx.span, {
              tzHours: tz,
              profile: 'work',
              weekendFactor: 0.02,
              sessionMean: r.float(8, 30),
              gapMedianSec: r.float(6, 30),
              dayOffProb: 0.05,
            }),
            ...kit.time.humanTimes(r, n - nClass, ctx.span, {
              tzHours: tz,
              profile: 'student',
              weekendFactor: r.float(0.4, 0.8),
              sessionMean: r.float(4, 15),
              gapMedianSec: r.float(10, 60),
            }),
          ],
          ctx.window.start,
          ctx.window.end,
        );
        if (times.length === 0) continue;
        const acct = kit.newAccount(r, {
          createdAt: Math.min(launched + r.float(0, 500) * DAY, ctx.window.start - r.float(1, 30) * DAY),
          signupPath: r.chance(0.8) ? 'enterprise' : 'education',
          orgId: org,
        });
        accounts.push(acct);
        for (const t of times) {
          const { kind, prompt } = tutorPrompt(r, ctx, sys, zh, kinds);
          const model =
            t >= deploy ? ctx.models.next : miniForHints && kind === 'hint' ? ctx.models.mini : ctx.models.current;
          events.push(kit.emit(r, world, acct, t, prompt, { ip: r.pick(nat), pf: card, ua }, model));
        }
      }
      // Curriculum staff: a few humans behind the same NAT writing practice sets in the browser.
      const staff = Math.max(1, Math.round(cr.int(2, 6) * Math.min(1, ctx.scale * 2)));
      for (let k = 0; k < staff; k++) {
        const r = cr.fork(`staff${k}`);
        const times = kit.time.humanTimes(r, r.logInt(5, 40), ctx.span, {
          tzHours: tz,
          profile: 'work',
          weekendFactor: 0.05,
          sessionMean: 4,
          gapMedianSec: 120,
        });
        if (times.length === 0) continue;
        const acct = kit.newAccount(r, {
          createdAt: Math.min(launched + r.float(0, 300) * DAY, times[0]! - DAY),
          signupPath: 'enterprise',
          orgId: org,
        });
        accounts.push(acct);
        const bua = kit.ua.browserUa(r);
        for (const t of times) {
          const prompt = r.chance(0.5)
            ? tutorPrompt(r, ctx, sys, zh, { practice: 1 }).prompt.replace(sys + '\n\n', '')
            : kit.prompts.legit.teacherPrompt(r, ctx.data, zh);
          events.push(
            kit.emit(
              r,
              world,
              acct,
              t,
              prompt,
              { ip: nat[0]!, pf: card, ua: bua },
              kit.adoptModel(r, ctx.models, t, 0.4, 12),
            ),
          );
        }
      }
    }
    return { params: { companies: drawn, requests_per_school_account: { min: 30, max: 450 } }, accounts, events };
  },
};
