import type { LoadCtx, PublicDraft } from './common.js';
import { Sink, n, rngOf } from './common.js';
import { testQA, type QA } from './qa-pools.js';
import { clip, fill, fillDouble } from '../text.js';

/**
 * Judge templates HELD OUT for testing `rubric_grading`: openai/evals model-graded specs, G-Eval,
 * UltraFeedback, JudgeLM. Filled with test-side Q/A (MT-bench, HumanEval, GSM8K test).
 */

/** Extracts `name -> prompt` from the model-graded YAML specs (block scalars `prompt: |-`). */
export function parseModelGradedYaml(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const top = /^([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (top) {
      name = top[1] as string;
      continue;
    }
    const p = /^ {2}prompt:\s*(\|-?|>-?)?\s*(.*)$/.exec(line);
    if (!p || !name) continue;
    if (!p[1]) {
      out[name] = (p[2] ?? '').replace(/^"|"$/g, '');
      continue;
    }
    const body: string[] = [];
    for (i = i + 1; i < lines.length; i++) {
      const l = lines[i] as string;
      if (l.trim() !== '' && !l.startsWith('    ')) {
        i--;
        break;
      }
      body.push(l.slice(4));
    }
    out[name] = body.join('\n').trim();
  }
  return out;
}

const CRITERIA = [
  'relevance: Is the submission referring to a real quote from the text?',
  'conciseness: Is the submission concise and to the point?',
  'correctness: Is the submission correct, accurate, and factual?',
  'helpfulness: Is the submission helpful, insightful, and appropriate?',
  'coherence: Is the submission coherent, well-structured, and organized?',
  'harmfulness: Is the submission harmful, offensive, or inappropriate?',
];
const LANGS = ['French', 'German', 'Spanish', 'Chinese', 'Japanese', 'Italian'];

export function loadOpenAIEvals(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'openai_evals_modelgraded');
  const pool = testQA(ctx);
  for (const file of ctx.reader.list('openai_evals_modelgraded', '.yaml')) {
    const specs = parseModelGradedYaml(ctx.reader.text(file));
    for (const name of Object.keys(specs).sort()) {
      const tpl = specs[name] as string;
      const rng = rngOf(ctx, `openai-evals/${name}`);
      for (let i = 0; i < n(ctx, 12); i++) {
        const a = rng.pick(pool);
        const b = rng.pick(pool);
        const k = rng.int(2, 4);
        const cands = rng
          .sample(pool, k)
          .map((q, j) => `${j + 1}. ${clip(q.answer, 500)}\n`)
          .join('');
        const text = fill(tpl, {
          input: a.question,
          completion: name === 'best' ? cands : a.answer,
          ideal: a.reference ?? a.answer,
          criteria: rng.pick(CRITERIA),
          input1: a.question,
          completion1: a.answer,
          input2: b.question,
          completion2: b.answer,
          n: String(k),
          language: rng.pick(LANGS),
        });
        // Specs that grade "your last response" carry no data slot: prefix a short transcript.
        const full =
          /\{|\[BEGIN DATA\]|Response|Submission/.test(tpl) || tpl.includes(a.answer)
            ? text
            : `User: ${a.question}\nAssistant: ${a.answer}\n\n${text}`;
        sink.add({ text: full, label: 'rubric_grading', family: `modelgraded-${name}`, pool: 'test' });
      }
    }
  }
  return sink.items;
}

export function loadGEval(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'geval_prompts');
  const pool = testQA(ctx).filter((q) => q.answer.length > 300);
  for (const file of ctx.reader.list('geval_prompts', '.txt')) {
    const tpl = ctx.reader.text(file);
    const family = `geval-${file.split('/').pop()?.replace('.txt', '')}`;
    const rng = rngOf(ctx, family);
    for (let i = 0; i < n(ctx, 25); i++) {
      const d = rng.pick(pool);
      sink.add({
        text: fillDouble(tpl, { Document: d.answer, Summary: d.answerB }).trim(),
        label: 'rubric_grading',
        family,
        pool: 'test',
      });
    }
  }
  return sink.items;
}

export function loadUltraFeedback(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'ultrafeedback_templates');
  const t = ctx.reader.json<Record<string, string>>('ultrafeedback_templates/preference_templates.templates.json');
  const pool = testQA(ctx);
  for (const name of Object.keys(t)
    .filter((k) => k !== 'system_prompt')
    .sort()) {
    const rng = rngOf(ctx, `ultrafeedback/${name}`);
    for (let i = 0; i < n(ctx, 20); i++) {
      const q = rng.pick(pool);
      const texts = [q.answer, q.answerB, ...rng.sample(pool, 2).map((x) => x.answerB)].map((x) => clip(x, 700));
      const slots: Record<string, string> = {
        instruction: q.question,
        world_knowledge: clip(q.reference ?? q.answer, 700),
      };
      rng.shuffle(texts).forEach((x, j) => {
        slots[`text_${j + 1}`] = x;
      });
      const body = fill(t[name] as string, slots);
      const text = rng.chance(0.6) ? `${t['system_prompt']}\n\n${body}` : body;
      sink.add({ text, label: 'rubric_grading', family: `ultrafeedback-${name}`, pool: 'test' });
    }
  }
  return sink.items;
}

export function loadJudgeLM(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'judgelm');
  const t = ctx.reader.json<Record<string, string[]>>('judgelm/common.templates.json');
  const pool = testQA(ctx);
  for (const name of Object.keys(t)
    .filter((k) => k.startsWith('conv_judge'))
    .sort()) {
    const [system, prompt, tpl, more] = t[name] as string[];
    const rng = rngOf(ctx, `judgelm/${name}`);
    for (let i = 0; i < n(ctx, 15); i++) {
      const q: QA = rng.pick(pool);
      const extra = more ? fill(more, { answer_id: '3', answer: rng.pick(pool).answerB }) : '';
      const body = fill(tpl ?? '', {
        question: q.question,
        reference: q.reference ?? q.answer,
        answer_1: q.answer,
        answer_2: q.answerB,
        answer_more: extra,
        prompt: prompt ?? '',
      });
      sink.add({
        text: `${system}\n\n${body}`.trim(),
        label: 'rubric_grading',
        family: `judgelm-${name}`,
        pool: 'test',
      });
    }
  }
  return sink.items;
}
