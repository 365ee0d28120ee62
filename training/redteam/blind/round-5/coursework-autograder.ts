import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import {
  DAY,
  HOUR,
  MIN,
  SEC,
  breakCode,
  degrade,
  fillSlots,
  localMidnight,
  numbered,
  round,
  truncate,
} from './lib/common.js';

/**
 * A legitimate coursework auto-grading SaaS. Schools use its LMS plug-in to grade homework with rubrics: when a
 * student submits (or in one batch after the deadline) the platform's worker sends one grading call per
 * submission - the assignment, the teacher's rubric, the reference solution and the student's answer, JSON
 * scores and short feedback back - and, for a share of submissions, a second call writing step-by-step feedback
 * from the student's wrong answer to the correct one. Teachers draft rubrics with the platform's rubric builder
 * and preview a few gradings; when a teacher edits a rubric after the deadline every submission of the assignment
 * is re-graded at once. Hosted schools run on the platform's own service accounts (one per region, enterprise
 * org and card); bring-your-own-key districts and universities plug their own account (education sign-up, own
 * org and card) into the same workers, so many accounts with different cards send the same templates from the
 * same few cloud addresses and worker user agent. Volume follows deadlines: submissions pile up in the last
 * hours before local 23:59, many schools share the Sunday-night deadline, and batch grading fires hundreds of
 * calls within minutes. Chinese schools use a Chinese rubric template or the public GAOKAO grading prompt.
 */

type AType = 'math' | 'short' | 'essay' | 'code';
interface Course {
  name: string;
  type: AType;
}
const COURSES_EN: Course[] = [
  { name: 'Algebra I', type: 'math' },
  { name: 'AP Calculus AB', type: 'math' },
  { name: 'Intro to Python', type: 'code' },
  { name: 'CS 101', type: 'code' },
  { name: 'English 10', type: 'essay' },
  { name: 'ESL Reading', type: 'short' },
  { name: 'English Language Arts 9', type: 'short' },
  { name: 'Composition I', type: 'essay' },
];
const COURSES_ZH: Course[] = [
  { name: '高一数学', type: 'math' },
  { name: '初三数学', type: 'math' },
  { name: 'Python程序设计', type: 'code' },
  { name: '高二语文', type: 'essay' },
  { name: '高中生物', type: 'short' },
  { name: '高中历史', type: 'short' },
];
const CRIT_EN: Record<AType, string[]> = {
  math: ['Setup', 'Method', 'Computation', 'Final answer', 'Units and notation'],
  code: ['Correctness', 'Edge cases', 'Readability', 'Efficiency', 'Docstring and comments'],
  essay: ['Thesis', 'Evidence', 'Organization', 'Style', 'Conventions'],
  short: ['Accuracy', 'Key terms', 'Explanation', 'Use of evidence'],
};
const CRIT_ZH: Record<AType, string[]> = {
  math: ['解题思路', '计算过程', '最终答案', '书写规范'],
  code: ['正确性', '边界情况', '代码规范', '注释'],
  essay: ['立意', '结构', '论据', '语言表达'],
  short: ['要点完整', '术语准确', '逻辑清楚'],
};

const GRADE_EN = [
  '{brand} autograder. You are grading a student submission for {course}.\n\nAssignment:\n{q}\n\nRubric ({total} points):\n{rubric}\n\nReference solution (for the grader only, never reveal it):\n{ref}\n\nStudent submission:\n{ans}\n\nReturn JSON only: {"scores": {"<criterion>": <points>, ...}, "total": <points>, "feedback": "<2-3 sentences addressed to the student>"}',
  'Grade the following {course} submission against the rubric. Be fair and consistent with how a teacher would grade; partial credit is allowed.\n\nRUBRIC (max {total}):\n{rubric}\n\nQUESTION:\n{q}\n\nANSWER KEY:\n{ref}\n\nSTUDENT ANSWER:\n{ans}\n\nOutput a JSON object with per-criterion points, total and a short comment.',
];
const GRADE_ZH = [
  '你是{course}课程的阅卷老师（{brand}智能批改）。请根据评分标准为学生作答评分。\n\n题目：\n{q}\n\n评分标准（满分{total}分）：\n{rubric}\n\n参考答案（仅供阅卷，不要透露给学生）：\n{ref}\n\n学生作答：\n{ans}\n\n只输出JSON：{"得分": {"<评分项>": <分数>}, "总分": <分数>, "评语": "<两三句给学生的话>"}',
];
const FEEDBACK_EN = [
  'The student answered {ans_short}. The correct answer is {ref}. Write encouraging feedback for the student that explains, step by step, how to get from the problem to the correct answer and where their work went off track. Keep it under 150 words.\n\nProblem: {q}',
  'Explain to a student in {course} why their answer ({ans_short}) is not correct and walk them through the solution step by step. Friendly tone, no more than 6 steps.\n\nProblem: {q}\nCorrect answer: {ref}',
];
const FEEDBACK_ZH = [
  '学生的答案是{ans_short}，正确答案是{ref}。请写一段鼓励性的评语，一步一步说明如何从题目得到正确答案，并指出学生哪里出了错，不超过200字。\n\n题目：{q}',
];
const BUILDER_EN = [
  'Draft a {k}-criterion analytic rubric (4 performance levels each, with point values, {total} points total) for this {course} assignment:\n\n{q}',
  'Suggest clear grading criteria and a point breakdown ({total} points) for the following {course} question. Format as a table.\n\n{q}',
];
const BUILDER_ZH = ['请为下面这道{course}作业设计一份评分标准：{k}个评分项，满分{total}分，每项说明给分要点。\n\n{q}'];

const BRANDS = ['GradeWise', 'MarkMate', 'RubricFlow', 'AutoMark', 'Gradient Grader'];

interface School {
  acct: Account;
  rng: Rng;
  tz: number;
  zh: boolean;
  byok: boolean;
  card: string;
  mode: 'on_submit' | 'after_deadline';
  latest: boolean;
}

export const spec: FamilySpec = {
  name: 'coursework_autograder',
  kind: 'legit',
  description:
    "A legitimate coursework auto-grading SaaS: its LMS plug-in grades each student submission with the teacher's rubric (JSON scores and feedback) on submission or in one batch after the deadline, writes step-by-step feedback from a wrong answer to the correct one for a share of submissions, drafts rubrics for teachers and re-grades a whole assignment when a rubric is edited; hosted schools run on the platform's regional service accounts (enterprise org and card), bring-your-own-key districts plug in their own accounts (education sign-up, own org and card) behind the same cloud workers and user agent; volume piles up before local 23:59 deadlines, many on Sunday night; Chinese schools use a zh rubric template or the public GAOKAO grading prompt.",
  generate(ctx) {
    const { kit, rng, data, world, models, scale } = ctx;
    const { start, end } = ctx.window;
    const pr = rng.fork('platform');
    const brand = pr.pick(BRANDS);
    const version = `${pr.int(2, 5)}.${pr.int(0, 14)}.${pr.int(0, 9)}`;
    const workerUa = `${brand.toLowerCase().replace(/[^a-z]/g, '')}-worker/${version} python-httpx/0.${pr.int(25, 28)}.0`;
    const builderUa = `${brand.toLowerCase().replace(/[^a-z]/g, '')}-web/${version} node/${pr.int(18, 22)}`;
    const egress = Array.from({ length: pr.int(2, 5) }, () => kit.ip.cloudIp(pr, world));
    const platformOrg = kit.newOrgId(pr);
    const platformCard = kit.newCard(pr);
    const gradeTpl = pr.int(0, GRADE_EN.length - 1);
    const gaokaoShare = round(pr.float(0.2, 0.7), 3);
    const feedbackShare = round(pr.float(0.15, 0.5), 3);
    const regradeProb = round(pr.float(0.1, 0.35), 3);
    const hostedLatest = pr.chance(0.5);
    const platformLagH = round(pr.float(0.5, 8), 2);
    const regions: { name: string; tzs: number[] }[] = [
      { name: 'us', tzs: [-8, -7, -6, -5, -5] },
      { name: 'eu', tzs: [0, 1, 1, 2] },
      { name: 'apac', tzs: [8, 8, 8, 5.5, 9] },
    ];
    const regionAccts = regions.map((rg) => {
      const n = pr.int(1, 2);
      return Array.from({ length: n }, () =>
        kit.newAccount(pr, {
          createdAt: start - pr.float(120, 700) * DAY,
          signupPath: 'enterprise',
          accessPath: 'direct',
          orgId: platformOrg,
          campaignId: null,
        }),
      ).map((acct) => ({ acct, region: rg.name }));
    });

    const nHosted = Math.max(3, Math.round(pr.int(15, 50) * scale));
    const nByok = Math.max(3, Math.round(pr.int(10, 40) * scale));
    const schools: School[] = [];
    for (let i = 0; i < nHosted + nByok; i++) {
      const sr = rng.fork(`school${i}`);
      const byok = i >= nHosted;
      const ri = sr.weighted([
        [0, 5],
        [1, 2],
        [2, 3],
      ] as const);
      const tz = sr.pick(regions[ri]!.tzs);
      const zh = tz === 8 && sr.chance(0.85);
      let acct: Account;
      if (byok) {
        acct = kit.newAccount(sr, {
          createdAt: start - sr.logNormal(200, 0.8) * DAY - DAY,
          signupPath: sr.chance(0.85) ? 'education' : 'enterprise',
          accessPath: 'direct',
          orgId: kit.newOrgId(sr),
          campaignId: null,
        });
      } else {
        acct = sr.pick(regionAccts[ri]!).acct;
      }
      schools.push({
        acct,
        rng: sr,
        tz,
        zh,
        byok,
        card: byok ? kit.newCard(sr) : platformCard,
        mode: sr.chance(0.6) ? 'on_submit' : 'after_deadline',
        latest: byok ? sr.chance(0.3) : hostedLatest,
      });
    }

    const essayPairs = data.alpaca.filter(
      (a) => /^(write|explain|describe|discuss|compare|why|what are)\b/i.test(a.instruction) && a.output.length > 400,
    );
    const events: DraftEvent[] = [];
    const counts = { grade: 0, feedback: 0, regrade: 0, builder: 0, preview: 0 };
    let assignments = 0;
    const send = (kind: keyof typeof counts, s: School, r: Rng, t: number, prompt: string, ua = workerUa) => {
      if (t < start || t >= end) return;
      counts[kind]++;
      const lag = s.byok ? r.float(1, 72) : platformLagH;
      const model = s.latest && t >= models.nextReleaseAt + lag * HOUR ? models.next : models.current;
      const ip = r.pick(egress);
      events.push(kit.emit(r, world, s.acct, t, prompt, { ip, pf: s.card, ua }, model));
    };

    for (const s of schools) {
      const r = s.rng;
      const courses = r.sample(s.zh ? COURSES_ZH : COURSES_EN, r.int(1, 3));
      for (const course of courses) {
        const students = r.int(12, 60);
        const nAssign = r.int(1, 2);
        for (let a = 0; a < nAssign; a++) {
          const ar = r.fork(`${course.name}-${a}`);
          assignments++;
          // Deadline: local 23:59 on a day in (or just after) the window; Sunday is the favourite.
          const dayIdx = ar.chance(0.4) ? -1 : ar.int(1, 7);
          let deadline = localMidnight(start + dayIdx * DAY, s.tz) + 23 * HOUR + 59 * MIN;
          if (dayIdx < 0) {
            let d = localMidnight(start + DAY, s.tz);
            for (let k = 0; k < 7; k++, d += DAY) if (new Date(d + s.tz * HOUR + 12 * HOUR).getUTCDay() === 0) break;
            deadline = d + 23 * HOUR + 59 * MIN;
          }
          // The assignment, its rubric and reference.
          const crits = ar.sample(s.zh ? CRIT_ZH[course.type] : CRIT_EN[course.type], ar.int(3, 4));
          const pts = crits.map(() => ar.pick([2, 3, 4, 5, 10]));
          const total = pts.reduce((x, y) => x + y, 0);
          let q: string;
          let ref: string;
          let answer: (sr: Rng) => { text: string; short: string; wrong: boolean };
          let useGaokao = false;
          if (course.type === 'math') {
            const g = kit.prompts.mathgen.genProblem(ar);
            q = s.zh ? g.zh : g.en;
            ref = `${(s.zh ? g.stepsZh : g.stepsEn).join(' ')} ${s.zh ? '答案' : 'Answer'}: ${g.answer}`;
            answer = (sr) => {
              const wrong = sr.chance(0.4);
              const v = wrong ? g.answer + sr.pick([-5, -1, 1, 2, 10]) : g.answer;
              const steps = (s.zh ? g.stepsZh : g.stepsEn).slice(0, sr.int(0, 3));
              return { text: `${steps.join(' ')} ${s.zh ? '答' : 'Ans'}: ${v}`.trim(), short: String(v), wrong };
            };
          } else if (course.type === 'code') {
            const h = ar.pick(data.humanEval);
            q = h.prompt;
            ref = `${h.prompt}${h.solution}`;
            answer = (sr) => {
              const wrong = sr.chance(0.35);
              const code = `${h.prompt}${wrong ? breakCode(sr, h.solution) : h.solution}`;
              return { text: code, short: s.zh ? '（见代码）' : '(see code)', wrong };
            };
          } else if (s.zh) {
            useGaokao = course.type === 'short' && ar.chance(gaokaoShare);
            q = truncate(ar.pick(course.type === 'short' ? data.pools.exam_zh : data.pools.chat_zh), 1200);
            ref = kit.prompts.zhtext.zhAnswer(ar, q);
            answer = (sr) => {
              const t = kit.prompts.zhtext.zhAnswer(sr, q);
              return { text: t, short: truncate(t, 40), wrong: sr.chance(0.3) };
            };
          } else {
            if (course.type === 'short') {
              // English-language exam items (multiple choice or cloze): the key is a letter.
              q = truncate(ar.pick(data.pools.exam_en), 1200);
              const key = ar.pick(['A', 'B', 'C', 'D']);
              ref = key;
              answer = (sr) => {
                const wrong = sr.chance(0.35);
                const v = wrong ? sr.pick(['A', 'B', 'C', 'D'].filter((x) => x !== key)) : key;
                return {
                  text: sr.chance(0.3) ? `${v}. I think ${v} because it fits the context.` : v,
                  short: v,
                  wrong,
                };
              };
            } else {
              const pair = ar.pick(essayPairs.length > 0 ? essayPairs : data.alpaca);
              q = /^write/i.test(pair.instruction) ? `${pair.instruction} (300-500 words)` : pair.instruction;
              ref = truncate(pair.output, 1200);
              answer = (sr) => {
                const t = sr.chance(0.5) ? truncate(pair.output, 1800) : degrade(sr, truncate(pair.output, 1800));
                return { text: t, short: truncate(t, 60), wrong: sr.chance(0.3) };
              };
            }
          }
          const rubricText = (extra: boolean) =>
            numbered(
              crits
                .map((c, k) => `${c} (${pts[k]} ${s.zh ? '分' : 'pts'})`)
                .concat(extra ? [s.zh ? '卷面整洁（1分）' : 'Shows work clearly (1 pt)'] : []),
            );
          const gradePrompt = (gr: Rng, ans: string, extra: boolean): string => {
            if (useGaokao) {
              return kit.prompts.judge.realJudgePrompt(gr, data, { lang: 'zh', families: ['gaokao_bench'] });
            }
            const tpl = s.zh ? GRADE_ZH[0]! : GRADE_EN[gradeTpl]!;
            return fillSlots(tpl, {
              brand,
              course: course.name,
              q,
              total: total + (extra ? 1 : 0),
              rubric: rubricText(extra),
              ref,
              ans,
            });
          };
          // Teacher: rubric builder and preview a few days before the deadline, in working hours.
          const prepDay = localMidnight(deadline - ar.float(1, 6) * DAY, s.tz);
          let tt = prepDay + ar.float(15, 21) * HOUR;
          for (let k = ar.int(1, 3); k > 0; k--) {
            const tpl = s.zh ? BUILDER_ZH[0]! : ar.pick(BUILDER_EN);
            send(
              'builder',
              s,
              ar,
              tt,
              fillSlots(tpl, { k: crits.length, total, course: course.name, q: truncate(q, 1500) }),
              builderUa,
            );
            tt += ar.float(40, 400) * SEC;
          }
          for (let k = ar.int(0, 4); k > 0; k--) {
            send('preview', s, ar, tt, gradePrompt(ar, answer(ar).text, false), builderUa);
            tt += ar.float(20, 180) * SEC;
          }
          // Submissions and grading.
          const subs: { t: number; ans: { text: string; short: string; wrong: boolean } }[] = [];
          for (let st = 0; st < students; st++) {
            const sr = ar.fork(`st${st}`);
            if (sr.chance(0.08)) continue; // did not submit
            const late = sr.chance(0.05);
            const t = late
              ? deadline + sr.float(0.1, 48) * HOUR
              : deadline - Math.min(6 * DAY, sr.exp(sr.pick([4, 10, 24])) * HOUR);
            subs.push({ t, ans: answer(sr) });
            if (sr.chance(0.1) && !late)
              subs.push({ t: Math.min(deadline - MIN, t + sr.float(0.2, 20) * HOUR), ans: answer(sr) });
          }
          subs.sort((x, y) => x.t - y.t);
          let batchT = deadline + ar.float(5, 30) * MIN;
          for (const sub of subs) {
            const gr = ar.fork(`g${sub.t}`);
            let t: number;
            if (s.mode === 'on_submit' || sub.t > deadline) t = sub.t + gr.float(3, 60) * SEC;
            else {
              t = batchT;
              batchT += gr.float(0.3, 3) * SEC;
            }
            send('grade', s, gr, t, gradePrompt(gr, sub.ans.text, false));
            if (sub.ans.wrong && (course.type === 'math' || course.type === 'short') && gr.chance(feedbackShare)) {
              const tpl = s.zh ? FEEDBACK_ZH[0]! : gr.pick(FEEDBACK_EN);
              send(
                'feedback',
                s,
                gr,
                t + gr.float(2, 20) * SEC,
                fillSlots(tpl, { ans_short: sub.ans.short, ref, q, course: course.name }),
              );
            }
          }
          // A rubric edit after the deadline re-grades the whole assignment at once.
          if (ar.chance(regradeProb) && subs.length > 0) {
            let rt = localMidnight(deadline + ar.float(8, 60) * HOUR, s.tz) + ar.float(8, 20) * HOUR;
            for (const sub of subs) {
              send('regrade', s, ar, rt, gradePrompt(ar, sub.ans.text, true));
              rt += ar.float(0.3, 3) * SEC;
            }
          }
        }
      }
    }

    const used = new Set(events.map((e) => e.accountId));
    const all = [...regionAccts.flat().map((x) => x.acct), ...schools.filter((s) => s.byok).map((s) => s.acct)];
    const accounts = all.filter((a) => used.has(a.id));
    return {
      params: {
        brand,
        worker_user_agent: workerUa,
        egress_ips: egress.length,
        platform_accounts: regionAccts.flat().length,
        hosted_schools: nHosted,
        byok_schools: nByok,
        grading_template: gradeTpl,
        gaokao_template_share: gaokaoShare,
        feedback_share: feedbackShare,
        regrade_probability: regradeProb,
        hosted_model_policy: hostedLatest ? 'latest' : 'pinned',
        platform_switch_lag_hours: platformLagH,
        after_deadline_batch_schools: schools.filter((s) => s.mode === 'after_deadline').length,
        assignments,
        requests: counts,
        accounts: accounts.length,
      },
      accounts,
      events,
    };
  },
};
