/**
 * Micro-task (HIT) texts for `crowd_hit_relay`, written here: a requester's task projects whose items a crowd worker
 * pastes into the assistant. Each item is a grading or reasoning task built from real public material read at run
 * time (AlpacaEval instructions and outputs, FLAN CoT rows, generated word problems, Chinese chat questions); the
 * instructions, headers and worker habits are our own. No dataset text is stored here.
 */
import type { Datasets } from '../../../lib/datasets.js';
import type { Rng } from '../../../lib/rng.js';
import { genProblem } from '../../../prompts/mathgen.js';
import { zhAnswer } from '../../../prompts/zhtext.js';
import { degrade, fillSlots, truncate } from './common.js';

export const TASK_KINDS = [
  'pairwise',
  'score_single',
  'reference_check',
  'critique_grade',
  'rank3',
  'explain_answer',
  'solve_think',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const GRADING: readonly TaskKind[] = ['pairwise', 'score_single', 'reference_check', 'critique_grade', 'rank3'];

const EN: Record<TaskKind, string[]> = {
  pairwise: [
    'Read the question and the two answers below. Decide which answer is better overall (correct, helpful, clear). Write "Answer 1" or "Answer 2" on the first line, then give each answer a score from 1 to 10, then explain your choice in two or three sentences.\n\nQuestion: {q}\n\nAnswer 1:\n{r1}\n\nAnswer 2:\n{r2}',
    'Two chatbots replied to the same message. Which reply would a careful expert prefer, and by how much? Give your verdict as 1, 2 or tie, a strength from 1 (slight) to 3 (strong), and a short reason.\n\nMessage: {q}\n\nReply 1: {r1}\n\nReply 2: {r2}',
    'Compare Response A and Response B to the prompt. Score both for {crit} (1-10 each), then say which one you would send to the user.\n\nPROMPT\n{q}\n\nRESPONSE A\n{r1}\n\nRESPONSE B\n{r2}',
  ],
  score_single: [
    'Rate the following AI response to the user request on a scale of {lo} to {hi} for {crit}. Start your reply with the number, then justify it in one paragraph.\n\nUser request: {q}\n\nAI response: {r1}',
    'How good is this answer? Give it a grade from {lo} (useless) to {hi} (perfect) and list what is missing.\n\nQ: {q}\nA: {r1}',
  ],
  reference_check: [
    'Here is a question, the official answer key and a submitted answer. Is the submitted answer correct? Reply YES or NO on the first line and a confidence from 0 to 100 on the second line, then explain.\n\nQuestion: {q}\nAnswer key: {a}\nSubmitted answer: {s}',
    'Check this work against the key. Mark it CORRECT or INCORRECT and point to the first step that goes wrong, if any.\n\nProblem: {q}\nKey: {a}\nWork: {s}',
  ],
  critique_grade: [
    'List every factual error, omission or unclear sentence in the response below, then give the response an overall grade from A to F.\n\nInstruction: {q}\n\nResponse: {r1}',
    'Act as a strict reviewer. Point out the weaknesses of this answer as bullet points and finish with "Overall: X/10".\n\nQuestion: {q}\nAnswer: {r1}',
  ],
  rank3: [
    'Rank these three answers to the question from best to worst and give each a score out of 10. Format: "Ranking: x > y > z" then the scores.\n\nQuestion: {q}\n\n(1) {r1}\n\n(2) {r2}\n\n(3) {r3}',
  ],
  explain_answer: [
    'The correct answer to the question below is {a}. Explain step by step, in full detail, how to arrive at it. Show every intermediate step and the thinking behind it.\n\nQuestion: {q}',
    'Question: {q}\nCorrect answer: {a}\n\nWrite out the complete reasoning that leads from the question to this answer, as if you were working it out for the first time. Do not skip steps.',
    '{q}\n\nWe already know the answer is {a}. Your job: write the detailed thought process that gets there, including any checks you would do along the way.',
  ],
  solve_think: [
    'Solve the problem below. Think out loud and write down every step of your thinking, including checks and corrections, before giving the final answer on the last line as "ANSWER: ...".\n\n{q}',
    '{q}\n\nPlease reason through this carefully, step by step, showing all of your work and your thought process. End with "Final answer:" and the answer.',
  ],
};

const ZH: Partial<Record<TaskKind, string[]>> = {
  pairwise: [
    '请阅读下面的问题和两个回答，判断哪个回答整体更好（准确、有用、清楚）。第一行写“回答1”或“回答2”，然后分别给两个回答打1到10分，最后用两三句话说明理由。\n\n问题：{q}\n\n回答1：{r1}\n\n回答2：{r2}',
  ],
  score_single: [
    '请给下面这个AI回答打分（{lo}到{hi}分），先写分数，再用一段话说明理由。\n\n用户问题：{q}\n\nAI回答：{r1}',
  ],
  reference_check: [
    '下面是题目、标准答案和一份作答。作答是否正确？第一行写“正确”或“错误”，第二行写0到100的把握程度，然后说明理由。\n\n题目：{q}\n标准答案：{a}\n作答：{s}',
  ],
  explain_answer: [
    '下面这道题的正确答案是{a}。请一步一步详细写出得到这个答案的全部过程和思路，不要跳步。\n\n题目：{q}',
    '题目：{q}\n正确答案：{a}\n\n请把从题目到答案的完整推理过程写出来，就像第一次做这道题一样，每一步都要写清楚。',
  ],
  solve_think: ['请解答下面的题目。把你思考的每一步都写出来，包括检查和修正，最后一行写“答案：……”。\n\n{q}'],
};

const CRIT = ['accuracy', 'helpfulness', 'clarity', 'completeness', 'instruction following', 'tone'];
const SCALES: [number, number][] = [
  [1, 10],
  [1, 5],
  [1, 7],
  [0, 100],
];

/** A requester's task project: fixed wording per task kind, a header and a verification-code habit. */
export interface Project {
  title: string;
  code: string;
  variant: Record<TaskKind, number>;
  zhVariant: Record<TaskKind, number>;
  scale: [number, number];
  verify: 'per_item' | 'per_batch' | 'none';
  minWords: number;
}

const TITLES = [
  'AI Answer Comparison (quick, 2-4 min)',
  'Chatbot Response Quality Check',
  'Explain-the-Answer Study (math & logic)',
  'Rate AI Responses - Batch',
  'Assistant Evaluation Task',
  'Reasoning Write-up Collection',
  'Help Us Compare AI Replies',
];
const ZH_TITLES = ['AI回答对比评估（约3分钟）', '大模型回答质量检查', '解题思路收集任务'];

export function drawProject(r: Rng, zh: boolean): Project {
  const variant = Object.fromEntries(TASK_KINDS.map((k) => [k, r.int(0, EN[k].length - 1)])) as Record<
    TaskKind,
    number
  >;
  const zhVariant = Object.fromEntries(TASK_KINDS.map((k) => [k, r.int(0, (ZH[k]?.length ?? 1) - 1)])) as Record<
    TaskKind,
    number
  >;
  return {
    title: zh ? r.pick(ZH_TITLES) : r.pick(TITLES),
    code: `${r.pick(['QX', 'RV', 'LB', 'TK', 'MZ', 'HN'])}${r.int(10, 99)}`,
    variant,
    zhVariant,
    scale: r.pick(SCALES),
    verify: r.pick(['per_item', 'per_item', 'per_batch', 'none'] as const),
    minWords: r.pick([0, 0, 100, 150, 200]),
  };
}

interface Slots {
  q: string;
  a: string;
  s: string;
  r1: string;
  r2: string;
  r3: string;
}

function enSlots(r: Rng, data: Datasets, kind: TaskKind): Slots {
  if (kind === 'reference_check' || kind === 'explain_answer' || kind === 'solve_think') {
    if (r.chance(0.3)) {
      const g = genProblem(r);
      const wrong = g.stepsEn.map((x, i) =>
        i === g.stepsEn.length - 1 && r.chance(0.5) ? x.replace(/\d+/, (d) => String(Number(d) + r.int(1, 9))) : x,
      );
      return { q: g.en, a: String(g.answer), s: wrong.join(' '), r1: '', r2: '', r3: '' };
    }
    const row = r.chance(0.85) ? r.pick(data.cot) : { q: r.pick(data.pools.math_en), a: '', rationale: '' };
    const s = r.chance(0.5) ? row.rationale || row.a : degrade(r, row.rationale || row.a || 'I think the answer is 3.');
    return { q: row.q, a: row.a, s, r1: '', r2: '', r3: '' };
  }
  const p = r.pick(data.alpaca);
  const good = truncate(p.output, 1600);
  const bad = degrade(r, good);
  const [r1, r2] = r.chance(0.5) ? [good, bad] : [bad, good];
  return { q: p.instruction, a: '', s: '', r1, r2, r3: degrade(r, good) };
}

function zhSlots(r: Rng, data: Datasets, kind: TaskKind): Slots {
  if (kind === 'reference_check' || kind === 'explain_answer' || kind === 'solve_think') {
    const g = genProblem(r);
    const steps = g.stepsZh.join('');
    const s = r.chance(0.5) ? steps : steps.replace(/\d+/, (d) => String(Number(d) + r.int(1, 9)));
    if (kind === 'solve_think' && r.chance(0.4))
      return { q: r.pick(data.pools.math_zh), a: '', s, r1: '', r2: '', r3: '' };
    return { q: g.zh, a: String(g.answer), s, r1: '', r2: '', r3: '' };
  }
  const q = truncate(r.pick(data.pools.chat_zh), 500);
  return { q, a: '', s: '', r1: zhAnswer(r, q), r2: zhAnswer(r, q), r3: zhAnswer(r, q) };
}

export interface Item {
  kind: TaskKind;
  zh: boolean;
  task: string;
  id: string;
}

/** One task item of a project (the text between the copy markers). */
export function makeItem(r: Rng, data: Datasets, pr: Project, kind: TaskKind, zh: boolean, id: string): Item {
  const zhOk = zh && (ZH[kind]?.length ?? 0) > 0;
  const slots = zhOk ? zhSlots(r, data, kind) : enSlots(r, data, kind);
  // An unlabelled row (a GSM8K question) cannot be inverted: the item asks for the solution instead.
  const k: TaskKind = kind === 'explain_answer' && !slots.a ? 'solve_think' : kind;
  const list = zhOk ? (ZH[k] ?? EN[k]) : EN[k];
  const idx = zhOk ? pr.zhVariant[k] : pr.variant[k];
  const tpl = list[Math.min(idx, list.length - 1)] ?? EN[k][0] ?? '';
  const task = fillSlots(tpl, { ...slots, crit: r.pick(CRIT), lo: pr.scale[0], hi: pr.scale[1] });
  return { kind: k, zh: zhOk, task, id };
}

const INSTR_EN = [
  'Copy the text between the lines into the AI assistant exactly as written. Paste the assistant’s COMPLETE reply into the answer box. Do not edit the reply.',
  'Open the assistant in a new chat, paste the task below, and copy the full response back here. Submissions without the response will be rejected.',
  'Use the AI chat to complete the task below. Paste the whole answer; partial answers are not paid.',
];
const INSTR_ZH = ['请将两条分隔线之间的内容原样粘贴到AI助手中，再把助手的完整回复粘贴到答题框。不要修改回复。'];

/** The verification line the worker must make the assistant repeat. */
export function verifyLine(pr: Project, code: string, zh: boolean): string {
  if (pr.verify === 'none') return '';
  const words =
    pr.minWords > 0 ? (zh ? `回答不少于${pr.minWords * 2}字。` : `Answer in at least ${pr.minWords} words. `) : '';
  return zh
    ? `\n\n${words}请在回答的最后一行写上验证码：${code}`
    : `\n\n${words}At the very end of your reply, write the code ${code}.`;
}

export type PasteMode = 'full' | 'task' | 'greet' | 'sloppy';

const GREET_EN = [
  'hi, pls answer this:',
  'Please do the following task:',
  'hello',
  'Answer this please',
  'task:',
  'hey can you do this',
];
const GREET_ZH = ['你好，请回答：', '帮我做一下这个：', '请完成下面的任务', '你好'];

/** What the worker actually pastes. */
export function pasted(r: Rng, pr: Project, it: Item, mode: PasteMode, code: string): string {
  const body = `${it.task}${verifyLine(pr, code, it.zh)}`;
  const bar = r.pick(['----------', '──────── COPY FROM HERE ────────', '=====', '### TASK ###']);
  switch (mode) {
    case 'full': {
      const instr = it.zh ? r.pick(INSTR_ZH) : r.pick(INSTR_EN);
      return `${pr.title} | ${pr.code}-${it.id}\n${instr}\n${bar}\n${body}\n${bar.replace('FROM', 'TO')}`;
    }
    case 'greet':
      return `${r.pick(it.zh ? GREET_ZH : GREET_EN)}\n\n${body}`;
    case 'sloppy':
      return r.chance(0.5)
        ? `${bar}\n${body}`
        : truncate(body, Math.max(120, Math.floor(body.length * r.float(0.55, 0.9))));
    default:
      return body;
  }
}

const NUDGE_EN = [
  'you forgot the code at the end',
  'Please give the score as a number first.',
  'too short, it needs to be longer',
  'can you write it again with all the steps',
  'just answer 1 or 2',
];
const NUDGE_ZH = ['最后忘了写验证码', '请先给出分数', '太短了，请写详细一点', '请把步骤都写出来'];

export function nudge(r: Rng, zh: boolean): string {
  return r.pick(zh ? NUDGE_ZH : NUDGE_EN);
}
