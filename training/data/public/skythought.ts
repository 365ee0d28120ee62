import type { LoadCtx, PublicDraft } from './common.js';
import { Sink, n, rngOf } from './common.js';
import { gsm8kTest } from './qa-pools.js';
import { clip, fill } from '../text.js';

/**
 * SkyThought (held out for testing): the long-thought system prompt and the trace-reformatting
 * (CONVERT) prompt are `reasoning_trace_extraction`; the AoPS difficulty grading prompt is
 * `rubric_grading`. The 6.2k-char AoPS criteria and the 4k-char convert example are clipped
 * to keep each prompt under the length ceiling (clip marks the cut with "[...]").
 */
export function loadSkyThought(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'skythought');
  const t = ctx.reader.json<Record<string, string>>('skythought/prompts.templates.json');
  const t2 = ctx.reader.json<Record<string, string>>('skythought/sky-t1-preview/prompts.templates.json');
  ctx.reader.text('skythought/model_configs.yaml');
  const problems = gsm8kTest(ctx);
  const rng = rngOf(ctx, 'skythought');
  const sys = (t['system_prompt'] ?? '').trim();
  for (let i = 0; i < n(ctx, 60); i++) {
    const p = rng.pick(problems);
    const text = rng.chance(0.5) ? `${sys}\n\n${p.question}` : `System: ${sys}\nUser: ${p.question}`;
    sink.add({ text, label: 'reasoning_trace_extraction', family: 'sky-long-thought-system', pool: 'test' });
  }
  const converts = [t['convert_prompt'], t2['CONVERT_PROMPT']].filter((x): x is string => !!x);
  for (let i = 0; i < n(ctx, 60); i++) {
    const p = rng.pick(problems);
    const tpl = rng.pick(converts);
    const ex = clip(t['convert_prompt_example'] ?? '', 1200);
    const sol = p.answer.replace(/<<[^>]*>>/g, '');
    const text = `${fill(tpl, { example: ex }).trim()}\n\nQuestion: ${p.question}\n\nOriginal solution:\n${sol}`;
    sink.add({ text, label: 'reasoning_trace_extraction', family: 'sky-convert-trace', pool: 'test' });
  }
  for (let i = 0; i < n(ctx, 40); i++) {
    const p = rng.pick(problems);
    const text = fill(t['grading_prompt'] ?? '', {
      aops_criteria: clip((t['aops_criteria'] ?? '').trim(), 3000),
      problem: p.question,
    });
    sink.add({ text: text.trim(), label: 'rubric_grading', family: 'sky-aops-difficulty-grading', pool: 'test' });
  }
  return sink.items;
}
