import type { LoadCtx, PublicDraft } from './common.js';
import { Sink, n, rngOf } from './common.js';
import { fill } from '../text.js';

/**
 * FLAN v2 CoT and STaR (training sources for `reasoning_trace_extraction`).
 * - `cot_stream_general_input_inversion` templates whose input holds BOTH {question} and {answer}
 *   and whose target is {chain_of_thought} (Question+Answer -> explain) are the extraction class.
 *   Inversions that ask for the question given a rationale do not request reasoning and are unused.
 * - The forward CoT templates (`cot_gsm8k`, `cot_creak`, ... "Let's think step by step") are a
 *   student asking for a worked solution: benign HARD NEGATIVES for reasoning extraction.
 * - STaR `*_answer_key` prompts (few-shot + new question with the correct answer marked) are
 *   rationalization requests: extraction. The plain STaR prompts are borderline and unused.
 */

export interface CotRow {
  task: string;
  question: string;
  answer: string;
  rationale: string;
}

const TASKS = ['aqua', 'creak', 'ecqa', 'gsm8k', 'qasc', 'sensemaking', 'strategyqa'];

export function flanRows(ctx: LoadCtx): CotRow[] {
  const rows: CotRow[] = [];
  for (const task of TASKS) {
    for (const line of ctx.reader.text(`flan_v2_cot/cot_data/${task}_train.tsv`).split('\n')) {
      const [q, a, r] = line.split('\t');
      if (!q || !a || !r) continue;
      const un = (s: string): string => s.replace(/\\n/g, '\n').trim();
      rows.push({ task, question: un(q), answer: un(a), rationale: un(r) });
    }
  }
  return rows;
}

type Patterns = Record<string, [string, string][]>;

export function loadFlan(ctx: LoadCtx, rows: CotRow[]): PublicDraft[] {
  const sink = new Sink(ctx, 'flan_v2_cot');
  const pats = ctx.reader.json<Patterns>('flan_v2_cot/templates.templates.json');
  const inv = (pats['cot_stream_general_input_inversion'] ?? [])
    .map(([input, target], i) => ({ input, target, i }))
    .filter(
      (p) => p.input.includes('{question}') && p.input.includes('{answer}') && p.target.includes('{chain_of_thought}'),
    );
  const rng = rngOf(ctx, 'flan');
  for (const row of rng.sample(rows, n(ctx, 850))) {
    const p = rng.pick(inv);
    sink.add({
      text: fill(p.input, { question: row.question, answer: row.answer }).trim(),
      label: 'reasoning_trace_extraction',
      family: `inversion-${p.i}`,
      pool: 'train',
    });
  }
  const forward = Object.keys(pats)
    .filter((k) => k.startsWith('cot_') && k !== 'cot_esnli' && !k.includes('inversion'))
    .sort();
  for (const key of forward) {
    const task = key.replace('cot_', '');
    const pool = rows.filter((r) => r.task === task);
    if (pool.length === 0) continue;
    const fr = rngOf(ctx, `flan-forward/${key}`);
    for (const row of fr.sample(pool, n(ctx, 60))) {
      const [input] = fr.pick(pats[key] ?? []);
      sink.add({
        text: fill(input, { question: row.question }).trim(),
        label: 'benign',
        family: `forward-${key}`,
        pool: 'train',
        hardNegative: true,
      });
    }
  }
  return sink.items;
}

export function loadStar(ctx: LoadCtx, rows: CotRow[]): PublicDraft[] {
  const sink = new Sink(ctx, 'star_rationalization');
  const cqa = ctx.reader.text('star_rationalization/commonsenseqa/prompts_answer_key.txt').trim();
  const gsm = ctx.reader.text('star_rationalization/gsm/prompts_answer_key.txt').trim();
  const rng = rngOf(ctx, 'star');
  const ecqa = rows.filter((r) => r.task === 'ecqa');
  for (const row of rng.sample(ecqa, n(ctx, 120))) {
    const opts = row.question
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2));
    const stem = row.question.split('\n')[0] ?? row.question;
    if (opts.length === 0) continue;
    const letters = 'abcdefgh';
    const body = opts.map((o, i) => `(${letters[i]}) ${o}${o === row.answer ? ' (CORRECT)' : ''}`).join('\n');
    sink.add({
      text: `${cqa}\n\nQ: ${stem}\nAnswer Choices:\n${body}\nA:`,
      label: 'reasoning_trace_extraction',
      family: 'star-cqa-answer-key',
      pool: 'train',
    });
  }
  const gsmRows = rows.filter((r) => r.task === 'gsm8k');
  for (const row of rng.sample(gsmRows, n(ctx, 120))) {
    sink.add({
      text: `${gsm}\n\nQ: ${row.question} (${row.answer})\nA:`,
      label: 'reasoning_trace_extraction',
      family: 'star-gsm-answer-key',
      pool: 'train',
    });
  }
  return sink.items;
}
