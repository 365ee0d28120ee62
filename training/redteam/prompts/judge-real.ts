/**
 * Real public judge templates (FastChat, Prometheus, AlpacaEval, G-Eval, UltraFeedback, RAGAS, promptflow,
 * JioNLP, HalluQA, GAOKAO...) read from the datasets folder and filled with real questions and responses.
 */
import type { Datasets } from '../lib/datasets.js';
import type { RealTemplate } from '../lib/templates-load.js';
import type { Rng } from '../lib/rng.js';
import { fillTemplate, type Role } from './fill.js';
import { genProblem } from './mathgen.js';
import { degrade, truncate } from './text.js';
import { zhAnswer } from './zhtext.js';

export interface JudgePick {
  lang?: 'en' | 'zh';
  /** Template id prefixes to draw from (e.g. "fastchat", "prometheus"). */
  families?: string[];
}

export function judgeTemplates(data: Datasets, pick: JudgePick): RealTemplate[] {
  const out = data.judges.filter(
    (t) => (!pick.lang || t.lang === pick.lang) && (!pick.families || pick.families.some((f) => t.id.startsWith(f))),
  );
  if (out.length === 0) throw new Error(`redteam: no judge template matches ${JSON.stringify(pick)}`);
  return out;
}

function enValues(rng: Rng, data: Datasets, t: RealTemplate): Partial<Record<Role, string>> {
  if (t.roles.includes('question2')) {
    const withRef = data.mtBench.filter((m) => m.reference && m.turns.length > 1);
    const m = rng.pick(withRef);
    const ref = m.reference ?? ['', ''];
    return {
      question: m.turns[0],
      question2: m.turns[1],
      answer: degrade(rng, ref[0] ?? ''),
      answer2: degrade(rng, ref[1] ?? ''),
      answerB: ref[0],
      answerB2: ref[1],
      reference: ref[0],
      reference2: ref[1],
    };
  }
  if (t.id.startsWith('prometheus') || (t.roles.includes('rubric') && rng.chance(0.7))) {
    const b = rng.pick(data.bigGen);
    return {
      question: b.input,
      reference: b.reference,
      rubric: b.rubric,
      answer: rng.chance(0.5) ? b.reference : degrade(rng, b.reference),
      answerB: degrade(rng, b.reference),
      context: b.system,
    };
  }
  const p = rng.pick(data.alpaca);
  const out = truncate(p.output, 2000);
  const other = rng.pick(data.alpaca);
  return {
    question: p.instruction,
    answer: rng.chance(0.5) ? out : degrade(rng, out),
    answerB: rng.chance(0.5) ? degrade(rng, out) : out,
    answer3: degrade(rng, out),
    answer4: truncate(other.output, 600),
    reference: out,
    reference2: degrade(rng, out),
    rubric: 'Is the response helpful, accurate and relevant to the instruction?',
    context: truncate(`${p.output}\n\n${other.output}`, 2500),
    maxScore: '10',
    minScore: '0',
  };
}

function zhValues(rng: Rng, data: Datasets): Partial<Record<Role, string>> {
  const q = rng.chance(0.6) ? rng.pick(data.halluqa) : truncate(rng.pick(data.pools.chat_zh), 500);
  return {
    question: q,
    answer: zhAnswer(rng, q),
    answerB: zhAnswer(rng, q),
    reference: zhAnswer(rng),
    reference2: zhAnswer(rng),
    maxScore: '10',
    minScore: '0',
  };
}

function gaokaoForm(rng: Rng, data: Datasets, t: RealTemplate): string {
  if (t.id.includes('Math')) {
    const p = genProblem(rng);
    const student = rng.chance(0.5) ? String(p.answer) : String(p.answer + rng.int(1, 5));
    return `${t.text}\n【题目】${p.zh}\n【分析过程】${p.stepsZh.join('')}\n【标准答案】${p.answer}\n【分值】${rng.pick([5, 10, 12])}\n【学生分析与答案】${rng.chance(0.4) ? p.stepsZh.slice(0, 2).join('') : ''}${student}`;
  }
  const same = data.zhOpenExam.filter((x) => t.id.endsWith(x.subject));
  const e = rng.pick(same.length > 0 ? same : data.zhOpenExam);
  return `${t.text}\n【题目】${truncate(e.prompt, 1500)}\n【分析过程】${zhAnswer(rng)}\n【标准答案】${zhAnswer(rng)}\n【分值】${e.score}\n【学生分析与答案】${zhAnswer(rng)}`;
}

export function fillRealJudge(rng: Rng, data: Datasets, t: RealTemplate): string {
  if (t.mode === 'gaokao') return gaokaoForm(rng, data, t);
  const values = t.lang === 'zh' ? zhValues(rng, data) : enValues(rng, data, t);
  return fillTemplate(t.text, values);
}

export function realJudgePrompt(rng: Rng, data: Datasets, pick: JudgePick): string {
  return fillRealJudge(rng, data, rng.pick(judgeTemplates(data, pick)));
}
