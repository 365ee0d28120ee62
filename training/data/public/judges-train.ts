import type { LoadCtx, PublicDraft } from './common.js';
import { Sink, fillNth, n, rngOf } from './common.js';
import { trainQA, type QA } from './qa-pools.js';
import { clip, fill } from '../text.js';

/**
 * Judge templates used for TRAINING `rubric_grading`: FastChat llm_judge, Prometheus (filled with
 * BiGGen instances) and the AlpacaEval annotator templates. Filled with AlpacaEval set Q/A.
 */

interface FastChatJudge {
  name: string;
  system_prompt: string;
  prompt_template: string;
}

export function loadFastChatJudges(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'fastchat_llm_judge');
  const judges = ctx.reader.jsonl<FastChatJudge>('fastchat_llm_judge/judge_prompts.jsonl');
  const pool = trainQA(ctx);
  for (const j of judges) {
    const rng = rngOf(ctx, `fastchat/${j.name}`);
    for (let i = 0; i < n(ctx, 40); i++) {
      const a = rng.pick(pool);
      const b = rng.pick(pool);
      const swap = rng.chance(0.5);
      const slots: Record<string, string> = {
        question: a.question,
        question_1: a.question,
        question_2: b.question,
        answer_a: swap ? a.answerB : a.answer,
        answer_b: swap ? a.answer : a.answerB,
        answer: a.answer,
        ref_answer_1: a.reference ?? a.answer,
        ref_answer_2: b.reference ?? b.answer,
        answer_1: a.answer,
        answer_2: b.answer,
        answer_a_1: a.answer,
        answer_a_2: b.answer,
        answer_b_1: a.answerB,
        answer_b_2: b.answerB,
      };
      const body = fill(j.prompt_template, slots);
      sink.add({
        text: `${j.system_prompt}\n\n${body}`,
        label: 'rubric_grading',
        family: `judge-${j.name}`,
        pool: 'train',
      });
    }
  }
  return sink.items;
}

interface BigGenInstance {
  id: string;
  capability: string;
  input: string;
  reference_answer: string;
  score_rubric: Record<string, string>;
}

function rubricText(r: Record<string, string>): string {
  const lines = [`[${r['criteria'] ?? ''}]`];
  for (let s = 1; s <= 5; s++) lines.push(`Score ${s}: ${r[`score${s}_description`] ?? ''}`);
  return lines.join('\n');
}

export function loadPrometheus(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'prometheus_eval');
  const t = ctx.reader.json<Record<string, string>>('prometheus_eval/prompts.templates.json');
  const big = ctx.reader.json<Record<string, BigGenInstance>>('prometheus_eval/BiGGen-Bench/sample_evals.json');
  const instances = Object.keys(big)
    .sort()
    .map((k) => big[k] as BigGenInstance);
  const names = Object.keys(t)
    .filter((k) => k.includes('PROMPT') && !k.includes('SYSTEM'))
    .sort();
  const rng = rngOf(ctx, 'prometheus');
  const alpaca = trainQA(ctx);
  for (const inst of rng.sample(instances, n(ctx, 320))) {
    const name = rng.pick(names);
    const ref = clip(inst.reference_answer);
    const other = rng.pick(alpaca);
    const respA = clip(rng.chance(0.5) ? ref : `${ref.split('\n')[0] ?? ref}`);
    const system = name.startsWith('REL') ? t['REL_SYSTEM_PROMPT'] : t['ABS_SYSTEM_PROMPT'];
    const body = fill(t[name] as string, {
      instruction: clip(inst.input),
      response: respA,
      response_A: respA,
      response_B: other.answerB,
      reference_answer: ref,
      rubric: rubricText(inst.score_rubric),
      context: clip(other.answer, 800),
    });
    const text = rng.chance(0.5) ? `${system}\n\n${body}` : body;
    sink.add({ text, label: 'rubric_grading', family: `prometheus-${name.toLowerCase()}`, pool: 'train' });
  }
  return sink.items;
}

export function loadAlpacaAnnotators(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'alpaca_eval_annotators');
  const pool: QA[] = trainQA(ctx);
  for (const file of ctx.reader.list('alpaca_eval_annotators', '.txt')) {
    const tpl = ctx.reader.text(file);
    const family = file
      .replace(/^alpaca_eval_annotators\//, '')
      .replace(/\.txt$/, '')
      .replace(/\//g, '-');
    const rng = rngOf(ctx, `alpaca-annotators/${family}`);
    const k = (tpl.match(/\{instruction\}/g) ?? []).length;
    for (let i = 0; i < n(ctx, 10); i++) {
      const ex = rng.sample(pool, Math.max(1, k));
      // Batch templates already carry long few-shot examples: keep each filled slot short.
      const lim = k > 1 ? 300 : 900;
      const swap = ex.map(() => rng.chance(0.5));
      const text = fillNth(tpl, {
        instruction: ex.map((e) => clip(e.question, lim)),
        output_1: ex.map((e, j) => clip(swap[j] ? e.answerB : e.answer, lim)),
        output_2: ex.map((e, j) => clip(swap[j] ? e.answer : e.answerB, lim)),
      });
      sink.add({ text: text.trim(), label: 'rubric_grading', family, pool: 'train' });
    }
  }
  return sink.items;
}
