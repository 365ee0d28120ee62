/** Real benign prompts sampled from the public datasets, with the light framing real users add. */
import type { Datasets, PoolName } from '../lib/datasets.js';
import type { Rng } from '../lib/rng.js';
import { truncate } from './text.js';

export const FOLLOW_EN = [
  'Can you make it shorter?',
  'Explain that more simply.',
  'Thanks! Can you give me another example?',
  'Why is that?',
  'Can you put that in a table?',
  'Rewrite it in a more formal tone.',
  'ok and what about the second part?',
  'Translate that into Spanish.',
  'That is not quite right, can you double-check?',
  'Give me the code only.',
];
export const FOLLOW_ZH = [
  '能再简短一点吗？',
  '请解释得通俗一些。',
  '谢谢！能再举一个例子吗？',
  '为什么？',
  '请用表格整理一下。',
  '继续',
  '再详细一点',
  '翻译成英文',
  '不太对，请再检查一下。',
  '只给代码就行',
];

export type PoolWeights = Partial<Record<PoolName, number>>;

export function realPrompt(rng: Rng, data: Datasets, weights: PoolWeights, maxLen = 6000): string {
  const pool = rng.weightedKey(weights as Record<PoolName, number>);
  return truncate(rng.pick(data.pools[pool]), maxLen);
}

/** A chat prompt from an individual: mostly real prompts, sometimes a short follow-up. */
export function chatPrompt(rng: Rng, data: Datasets, weights: PoolWeights, zh: boolean): string {
  if (rng.chance(0.12)) return rng.pick(zh ? FOLLOW_ZH : FOLLOW_EN);
  const p = realPrompt(rng, data, weights);
  if (rng.chance(0.06)) return zh ? `${p}\n谢谢` : `${p}\n\nthanks!`;
  return p;
}

export const INDIVIDUAL_INTERESTS: Record<string, PoolWeights> = {
  generalist_en: { chat_en: 6, roles_en: 2, work_en: 1, math_en: 0.3, code_en: 0.5, sensitive_en: 0.2 },
  coder_en: { code_en: 5, chat_en: 2, data_en: 1, work_en: 0.5 },
  roleplay_en: { roles_en: 5, chat_en: 2 },
  office_en: { work_en: 4, chat_en: 3, data_en: 0.5 },
  curious_politics_en: { chat_en: 4, sensitive_en: 2, roles_en: 1 },
  generalist_zh: { chat_zh: 6, code_zh: 0.7, exam_zh: 0.4, math_zh: 0.3 },
  coder_zh: { code_zh: 4, chat_zh: 2, code_en: 0.5 },
  bilingual: { chat_zh: 3, chat_en: 3, code_en: 0.5, code_zh: 0.5 },
};
