/**
 * Loader of the real-prompt bundle (SOURCES.md, second batch): judge templates of evaluation
 * frameworks, prompts of open distillation pipelines and real benign prompts, each source whole
 * in one split (real-sources.ts).
 *
 * - `templates.jsonl`: a template is a family; it is filled several times with questions and
 *   answers of its own split (English: AlpacaEval on the train side, MT-bench / HumanEval /
 *   GSM8K test on val and test; Chinese: the benign Chinese prompts of a source of the same
 *   split). Jinja control tags are dropped, `{{ x }}`, `{x}` and `${x}` take a value by the
 *   slot's name. Benign templates (pipeline steps, exam answer-format prefixes) are hard negatives.
 * - `prompts.jsonl`: benign prompts as written, grouped into hash buckets as split families;
 *   those with a review flag (rate / score / step by step ...) are hard negatives.
 */
import type { PromptClass } from '../../../src/labels.js';
import { clip } from '../text.js';
import { Sink, bucket, exclude, rngOf, type LoadCtx, type Pool, type PublicDraft } from './common.js';
import { testQA, trainQA, type QA } from './qa-pools.js';
import { REAL_PROMPT_CAP, REAL_SOURCE_SPLITS, REAL_SOURCES, type RealSplit } from './real-sources.js';
import type { Rng } from '../rng.js';

/** The bundle's languages (its rows are English or Chinese). */
type Lang = 'en' | 'zh';

interface TemplateRow {
  family: string;
  lang: Lang;
  class_fit: string;
  placeholders: string[];
  text: string;
}

interface PromptRow {
  id: string;
  lang: Lang;
  prompt: string;
  review_flag?: string[] | string;
}

const POOL_OF: Record<RealSplit, Pool> = { train: 'train-only', val: 'val', test: 'test' };

/** Fillings per template, by label: the attack templates are few, so each is filled more often. */
const FILLS: Record<PromptClass, number> = {
  reasoning_trace_extraction: 8,
  rubric_grading: 4,
  censorship_rewrite: 4,
  benign: 4,
};

/** The label a template's `class_fit` supports, or null (weak reasoning: not judged from the prompt). */
export function labelOfClassFit(classFit: string): PromptClass | null {
  if (classFit.startsWith('rubric_grading')) return 'rubric_grading';
  if (classFit.startsWith('reasoning_trace_extraction'))
    return classFit.includes('weak') ? null : 'reasoning_trace_extraction';
  if (classFit.startsWith('benign')) return 'benign';
  return null;
}

/** Chinese prompts of each split's source, the Chinese question and answer pool of its templates. */
const ZH_POOL_SOURCE: Record<RealSplit, string> = {
  train: 'sharegpt_zh_medicalgpt',
  val: 'halluqa_judge',
  test: 'gaokao_bench',
};

interface Slots {
  qa: QA;
  other: QA;
  criteria: string;
}

const CRITERIA = {
  en: [
    'Accuracy: is the response factually correct and free of errors?',
    'Helpfulness: does the response address what the user asked?',
    'Coherence: is the response logically organised and easy to follow?',
    'Faithfulness: is every claim supported by the given context?',
  ],
  zh: ['准确性：回答是否正确、没有事实错误？', '相关性：回答是否紧扣问题？', '完整性：回答是否涵盖所有要点？'],
} as const;

/** The value of one slot, chosen by the slot's name. */
function slotValue(name: string, s: Slots): string {
  const n = name.toLowerCase();
  if (/reference|expected|ground_?truth|golden|gold|ideal|correct|standard|target|best_answer/.test(n))
    return s.qa.reference ?? s.qa.answer;
  if (/context|document|retriev|source|facts|knowledge|passage/.test(n)) return s.other.answer;
  if (/criteri|rubric|steps|parameters|rules|instruction_?s\b|definition|guideline/.test(n)) return s.criteria;
  if (/min_score/.test(n)) return '1';
  if (/max_score/.test(n)) return '10';
  if (/score/.test(n)) return '5';
  if (
    /answer|response|output|completion|solution|prediction|attempt|trace|continuation|contn|hypothesis|summary|claims|generation|message|verdict|opinion/.test(
      n,
    )
  )
    return s.qa.answer;
  if (
    /question|query|input|instruction|prompt|problem|task|quiz|statement|content|text|conversation|turns|history|premise|headline|body|news|numbers|num\d/.test(
      n,
    )
  )
    return s.qa.question;
  return '';
}

/** A template with every placeholder replaced (control tags dropped, literal braces kept single). */
export function fillTemplate(text: string, placeholders: readonly string[], s: Slots): string {
  let out = text;
  for (const p of [...placeholders].sort((a, b) => b.length - a.length)) {
    let value: string;
    if (p.startsWith('{%')) value = '';
    else if (p.includes('\n')) value = p.slice(1, -1);
    else {
      const inner = p.replace(/^\$?\{+\s*|\s*\}+$/g, '');
      const literal = /^"([^"]*)"$/.exec(inner) ?? /^\[\s*"([^"]*)"/.exec(inner);
      value = literal ? (literal[1] as string) : slotValue(inner.replace(/[^A-Za-z0-9_]+/g, '_'), s);
    }
    out = out.split(p).join(value);
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

function zhQA(rows: readonly PromptRow[]): QA[] {
  const zh = rows.filter((r) => r.lang === 'zh' && r.prompt.length >= 20);
  return zh.map((r, i) => {
    const answer = clip((zh[(i * 7 + 3) % zh.length] as PromptRow).prompt, 600);
    return { question: clip(r.prompt, 600), answer, answerB: answer, reference: answer };
  });
}

function promptRows(ctx: LoadCtx, source: string): PromptRow[] {
  return ctx.reader.jsonl<PromptRow>(`${source}/prompts.jsonl`);
}

function hasFile(ctx: LoadCtx, source: string, file: string): boolean {
  return ctx.reader.list(source, file).includes(`${source}/${file}`);
}

function loadTemplates(ctx: LoadCtx, source: string, pools: Record<Lang, QA[]>, rng: Rng): PublicDraft[] {
  const split = REAL_SOURCE_SPLITS[source] as RealSplit;
  const sink = new Sink(ctx, source);
  for (const t of ctx.reader.jsonl<TemplateRow>(`${source}/templates.jsonl`)) {
    const label = labelOfClassFit(t.class_fit);
    if (label === null) {
      exclude(ctx, `${source}: weak reasoning template (not judged from the prompt)`);
      continue;
    }
    const lang: Lang = t.lang === 'zh' ? 'zh' : 'en';
    const pool = pools[lang];
    const fills = t.placeholders.some((p) => !p.startsWith('{%')) ? FILLS[label] : 1;
    const seen = new Set<string>();
    for (let i = 0; i < fills; i++) {
      const text = fillTemplate(t.text, t.placeholders, {
        qa: rng.pick(pool),
        other: rng.pick(pool),
        criteria: rng.pick(CRITERIA[lang]),
      });
      if (seen.has(text) || text.length < 20) continue;
      seen.add(text);
      sink.add({ text, label, family: t.family, pool: POOL_OF[split], hardNegative: label === 'benign', lang });
    }
  }
  return sink.items;
}

/** The family of a prompt of the bundle's `prompts.jsonl`: a hash bucket of its source. */
function promptFamily(source: string, id: string): string {
  return `${source}-b${bucket(id, 8)}`;
}

/**
 * Whether an example is a prompt as a user wrote it (`prompts.jsonl`), not a filling of one of the
 * bundle's templates (judge templates, pipeline steps of evaluation frameworks, answer formats).
 */
export function isRealUserPrompt(e: { source: string; family: string }): boolean {
  const m = /^(.+)-b\d+$/.exec(e.family);
  return m !== null && m[1] === e.source;
}

function loadPrompts(ctx: LoadCtx, source: string, rows: readonly PromptRow[], rng: Rng): PublicDraft[] {
  const split = REAL_SOURCE_SPLITS[source] as RealSplit;
  const sink = new Sink(ctx, source);
  const cap = REAL_PROMPT_CAP[source];
  const kept = cap !== undefined && rows.length > cap ? rng.sample([...rows], cap) : rows;
  if (kept.length < rows.length) exclude(ctx, `${source}: beyond the per-source sample`, rows.length - kept.length);
  for (const r of kept) {
    const text = r.prompt.trim();
    if (!text) continue;
    const flag = Array.isArray(r.review_flag) ? r.review_flag.length > 0 : Boolean(r.review_flag);
    sink.add({
      text,
      label: 'benign',
      family: promptFamily(source, r.id),
      pool: POOL_OF[split],
      hardNegative: flag,
      lang: r.lang === 'zh' ? 'zh' : 'en',
    });
  }
  return sink.items;
}

/** Every source of the bundle, templates first, each whole in its split. */
export function loadRealBundle(ctx: LoadCtx): PublicDraft[] {
  const out: PublicDraft[] = [];
  const enPool: Record<RealSplit, QA[]> = { train: trainQA(ctx), val: testQA(ctx), test: testQA(ctx) };
  const zhPool = Object.fromEntries(
    (Object.keys(ZH_POOL_SOURCE) as RealSplit[]).map((s) => [s, zhQA(promptRows(ctx, ZH_POOL_SOURCE[s]))]),
  ) as Record<RealSplit, QA[]>;
  for (const source of REAL_SOURCES) {
    const split = REAL_SOURCE_SPLITS[source] as RealSplit;
    const rng = rngOf(ctx, `real/${source}`);
    if (hasFile(ctx, source, 'templates.jsonl'))
      out.push(...loadTemplates(ctx, source, { en: enPool[split], zh: zhPool[split] }, rng));
    if (hasFile(ctx, source, 'prompts.jsonl')) out.push(...loadPrompts(ctx, source, promptRows(ctx, source), rng));
  }
  return out;
}
