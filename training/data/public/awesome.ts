import type { LoadCtx, PublicDraft } from './common.js';
import { Sink, bucket, exclude } from './common.js';
import { csvObjects } from '../io.js';
import { MAX_CHARS } from '../text.js';

/**
 * awesome-chatgpt-prompts (CC0): role prompts written by people for their own use.
 *
 * Labelling decision (reviewed: ~245 prompts match rate/grade/score/evaluate/judge, ~140 match
 * step-by-step/chain-of-thought/reasoning):
 * - None of them is an LLM-as-judge template that scores model RESPONSES for preference or
 *   reward data. Critics, code reviewers, paper/thesis/resume reviewers, quiz masters, "rate
 *   each idea" and "score this stock" prompts evaluate the user's own material for the user:
 *   BENIGN, marked hardNegative (they resemble `rubric_grading`).
 * - "Math teacher explains steps", "think step by step", "use chain-of-thought" prompting
 *   advice asks for a worked answer, not for the model's reasoning as a product: BENIGN,
 *   marked hardNegative (they resemble `reasoning_trace_extraction`).
 * - EXCLUDED (ambiguous, neither label is clean): the acts in AMBIGUOUS_ACTS below. They make the
 *   model emit its whole thinking inside tags as a deliverable (close to the SkyThought system
 *   prompt, labelled extraction) or combine hidden-reasoning dumps with scoring.
 * - Prompts longer than 6000 characters are excluded, not truncated (counted in the manifest).
 */
export const AMBIGUOUS_ACTS: readonly string[] = [
  'Structured Iterative Reasoning Protocol (SIRP)',
  'Ultrathinker',
  'ATS Resume Scanner Simulator',
  'Hallucination Vulnerability Prompt Checker',
];

export const GRADING_LIKE = /\b(rate|rating|grade|grading|score|scoring|evaluat\w*|judge|reviewer|critic)\b/i;
export const STEPS_LIKE = /step[- ]by[- ]step|chain[- ]of[- ]thought|\bCoT\b|reasoning|thought process/i;

export function loadAwesome(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'awesome_chatgpt_prompts');
  const rows = csvObjects(ctx.reader.text('awesome_chatgpt_prompts/prompts.csv'));
  for (const r of rows) {
    const act = (r['act'] ?? '').trim();
    const text = (r['prompt'] ?? '').trim();
    if (!text) continue;
    if (AMBIGUOUS_ACTS.some((a) => act.startsWith(a))) {
      exclude(ctx, 'awesome_chatgpt_prompts: ambiguous act (explicit list)');
      continue;
    }
    if (text.length > MAX_CHARS) {
      exclude(ctx, 'awesome_chatgpt_prompts: longer than 6000 chars');
      continue;
    }
    const hard = GRADING_LIKE.test(text) || STEPS_LIKE.test(text);
    sink.add({ text, label: 'benign', family: `awesome-b${bucket(act, 10)}`, pool: 'train', hardNegative: hard });
  }
  return sink.items;
}
