/** Real public reasoning-data templates (R1/Sky-T1 system prompts, <think> formats, few-shot CoT teachers). */
import type { Datasets } from '../lib/datasets.js';
import type { RealTemplate } from '../lib/templates-load.js';
import type { Rng } from '../lib/rng.js';
import { fillTemplate } from './fill.js';
import { truncate } from './text.js';

export function researchQuestion(rng: Rng, data: Datasets): string {
  return rng.weighted([
    [rng.pick(data.cot).q, 3],
    [rng.pick(data.pools.math_en), 2],
    [truncate(rng.pick(data.pools.code_en), 2500), 1.5],
    [rng.pick(data.pools.math_zh), 1],
  ] as const);
}

export function fillReasoning(rng: Rng, data: Datasets, t: RealTemplate, question?: string): string {
  const q =
    question ??
    (/code/i.test(t.id)
      ? truncate(rng.pick(data.pools.code_en), 2500)
      : /kk\.|logic/i.test(t.id)
        ? rng.pick(data.cot).q
        : researchQuestion(rng, data));
  if (t.mode === 'prefix') {
    return t.id.includes('few_shot') ? `${t.text}\n\nQ: ${q}\nA:` : `${t.text}\n\n${q}`;
  }
  return fillTemplate(t.text, { question: q, context: '' });
}
