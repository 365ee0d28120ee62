/**
 * Hand-written prompt sets (`training/data/written/<set>-<lang>.jsonl`): prompts written one by
 * one, without the generator's templates or slot lists, by writers who did not see them, each
 * set by its own writers:
 * - sets `a`, `c`, `d`, `e` and `f` are training data, train side only like the generator's `x-`
 *   families (families named `x-w<set>-<lang>-<slug>`, split by split.ts into train, val and
 *   calib). `a` follows the label definitions; `c` leans to subtle attacks, rarer domains and long
 *   inputs; `d` to API production traffic (scripted payloads, batches, customers' look-alikes);
 *   `e` to censorship and grading requests phrased without their usual words, with their
 *   look-alikes; `f`, by seven writers each with one brief, to the range of grader forms (short
 *   single-criterion checks with a constrained answer, rewards, checklists, batch labelling),
 *   censorship rewrites in everyday wording, developer traffic (code stubs, tool-use turns,
 *   code about scores and rankings) and reasoning extraction outside mathematics, with their
 *   look-alikes; `g`, in Japanese, Korean, Russian and Spanish (not English or Chinese), to the
 *   plain forms of every attack label (the answer given and its reasoning asked for, a strict
 *   grader's score, a rewrite for Chinese censorship, reasoning or rewards over an agent's tool
 *   calls) with hard negatives per label (a student asking for steps, a teacher's rubric, a
 *   translator's question, a developer building agents or leaderboards, questions about sensitive
 *   history); `i`, in the same four languages, by four writers (one per language) who saw only the
 *   threat model and the label definitions, not the project: each attack label in its common forms
 *   (answer-to-reasoning, `<think>` dumps, batch rationales, pairwise and scored judges, rewards,
 *   checklists, agent trajectories, censorship-compliant rewrites in everyday wording), hard
 *   negatives per label (`bn-near-rt|rg|cr-…`) and ordinary traffic, a sixth of it over 1,000
 *   characters; `j`, in the same four languages, written the same way by four more writers from
 *   the threat model and the label definitions alone. The default training data holds all but `j`
 *   (DEFAULT_WRITTEN_TRAIN_SETS);
 * - set `b` is the **written probe**: report only, never fitted, never used for a decision. It
 *   measures how the model carries to prompts nobody derived from its data, which the template
 *   test set cannot: its families are unseen templates, but written in the project's own style.
 *   It was written from the same brief as `a`, so the two share scenarios; its prompts that came
 *   out near duplicates of the training data were removed (near-duplicate.ts).
 * - set `h` is the **held-out part of `g`**: report only, like `b`. Its scenarios (two of each
 *   label's attack families and two of its hard-negative families, the same scenarios in all four
 *   languages) are in no training set in these languages; the eval reports recall and false
 *   positives per language on it (eval/other-languages.ts).
 * A family is a scenario (one intent and style, 2–6 prompts each written separately).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CLASSES } from '../../src/labels.js';
import { parseJsonlText } from '../../src/util/jsonl-reader.js';
import { REPO_ROOT } from './io.js';
import { sha256 } from './rng.js';
import type { Draft, Example, Lang } from './types.js';

export const WRITTEN_DIR = join(REPO_ROOT, 'training', 'data', 'written');
export const WRITTEN_TRAIN_SETS = ['a', 'c', 'd', 'e', 'f', 'g', 'i', 'j'] as const;
/**
 * The sets in the default training data: all but `j` (below). Set `e` was left out of the default while the
 * data had no set `f`: validation improved with it, but more held-out coding prompts were taken
 * for rubric grading and the promotion gate refused the version. With `f` and the code-stub
 * generator family, every validation measure is best with all five (BENCHMARKS.md, "Set f").
 * Sets `g` and `i` add the languages beyond English and Chinese. Set `j` (the same four languages)
 * is not in the default: with it, the held-out languages set and the fixed and written test sets
 * improve, but real user prompts and the fixed set's promptfoo hard negatives are flagged more
 * often (English questions on CCP-sensitive topics read as censorship rewrites), and the
 * promotion gate refused that head (BENCHMARKS.md, "Set j"). `writtenSets` in the configuration
 * selects any of them.
 */
export const DEFAULT_WRITTEN_TRAIN_SETS: readonly (typeof WRITTEN_TRAIN_SETS)[number][] = [
  'a',
  'c',
  'd',
  'e',
  'f',
  'g',
  'i',
];
export const WRITTEN_PROBE_SET = 'b';
/** The held-out part of set `g` (report only). */
export const WRITTEN_LANGUAGES_HELD_OUT_SET = 'h';
export type WrittenSet =
  (typeof WRITTEN_TRAIN_SETS)[number] | typeof WRITTEN_PROBE_SET | typeof WRITTEN_LANGUAGES_HELD_OUT_SET;
/** Languages written, one file each (`<set>-<lang>.jsonl`). */
export const WRITTEN_LANGS = ['en', 'zh', 'ja', 'ko', 'ru', 'es'] as const;
const OTHER_LANGS = ['ja', 'ko', 'ru', 'es'] as const;
/** The languages of each set. */
export function writtenSetLangs(set: WrittenSet): readonly Lang[] {
  return set === 'g' || set === 'i' || set === 'j' || set === WRITTEN_LANGUAGES_HELD_OUT_SET
    ? OTHER_LANGS
    : ['en', 'zh'];
}
const REPORT_ONLY: ReadonlySet<WrittenSet> = new Set([WRITTEN_PROBE_SET, WRITTEN_LANGUAGES_HELD_OUT_SET]);

export const WrittenPrompt = z
  .object({
    id: z.string().min(1),
    label: z.enum(CLASSES),
    family: z.string().regex(/^(rt|rg|cr|bn)-[a-z0-9-]+$/, 'a lowercase slug starting with rt-, rg-, cr- or bn-'),
    lang: z.enum(WRITTEN_LANGS),
    text: z.string().trim().min(1),
    /** Benign prompts that resemble an attack (homework steps, a question about a sensitive topic...). */
    hard: z.boolean().optional(),
  })
  .strict();
export type WrittenPrompt = z.infer<typeof WrittenPrompt>;

export class WrittenFileError extends Error {
  override readonly name = 'WrittenFileError';
}

/** Parses one JSONL file; a bad line fails with the file and line number. */
export function parseWritten(text: string, file: string, lang: Lang): WrittenPrompt[] {
  const ids = new Set<string>();
  return parseJsonlText(text, WrittenPrompt, (message) => new WrittenFileError(`${file} ${message}`)).map(
    ({ data: p, line }) => {
      const where = `${file} line ${line}`;
      if (p.lang !== lang) throw new WrittenFileError(`${where}: lang ${p.lang} in a ${lang} file`);
      if (ids.has(p.id)) throw new WrittenFileError(`${where}: duplicate id ${p.id}`);
      if (p.hard && p.label !== 'benign')
        throw new WrittenFileError(`${where}: only benign prompts can be hard negatives`);
      const prefix = {
        reasoning_trace_extraction: 'rt-',
        rubric_grading: 'rg-',
        censorship_rewrite: 'cr-',
        benign: 'bn-',
      }[p.label];
      if (!p.family.startsWith(prefix))
        throw new WrittenFileError(`${where}: family ${p.family} of a ${p.label} prompt must start with ${prefix}`);
      ids.add(p.id);
      return p;
    },
  );
}

export interface WrittenRead {
  prompts: WrittenPrompt[];
  files: Record<string, string>;
}

/** Reads every language of one set; `files` maps each file (relative to the repo) to its sha256. */
export function readWrittenSet(set: WrittenSet, dir = WRITTEN_DIR): WrittenRead {
  const prompts: WrittenPrompt[] = [];
  const files: Record<string, string> = {};
  for (const lang of writtenSetLangs(set)) {
    const file = join(dir, `${set}-${lang}.jsonl`);
    const raw = readFileSync(file);
    files[`training/data/written/${set}-${lang}.jsonl`] = sha256(raw);
    prompts.push(...parseWritten(raw.toString('utf8'), file, lang));
  }
  return { prompts, files };
}

/** Source name of a written set's examples, e.g. `written-a`. */
export const writtenSource = (set: WrittenSet): string => `written-${set}`;

function toDraft(set: WrittenSet, p: WrittenPrompt, n: number): Draft {
  // Set a's families keep the names of the first models trained on it (`x-w-…`).
  const family = REPORT_ONLY.has(set)
    ? `w${set}-${p.lang}-${p.family}`
    : `x-w${set === 'a' ? '' : set}-${p.lang}-${p.family}`;
  return {
    id: `${writtenSource(set)}/${family}/${n}`,
    text: p.text.trim(),
    label: p.label,
    source: writtenSource(set),
    family,
    lang: p.lang,
    hardNegative: p.hard === true,
  };
}

/** Drafts of one set (numbered within their family, in file order). */
export function writtenDrafts(read: WrittenRead, set: WrittenSet): Draft[] {
  const counters = new Map<string, number>();
  return read.prompts.map((p) => {
    const key = `${p.lang}/${p.family}`;
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    return toDraft(set, p, n);
  });
}

/** Drafts of the training sets, in set order, and the hashes of the files read. */
export function writtenTrainingDrafts(
  sets: readonly WrittenSet[] = DEFAULT_WRITTEN_TRAIN_SETS,
  dir = WRITTEN_DIR,
): { drafts: Draft[]; files: Record<string, string> } {
  for (const set of sets)
    if (REPORT_ONLY.has(set)) throw new WrittenFileError(`set ${set} is report-only and cannot be trained on`);
  const drafts: Draft[] = [];
  const files: Record<string, string> = {};
  for (const set of sets) {
    const read = readWrittenSet(set, dir);
    drafts.push(...writtenDrafts(read, set));
    Object.assign(files, read.files);
  }
  return { drafts, files };
}

/** `lang/slug` of every scenario family of the training sets (all of them, default or not). */
export function writtenTrainingScenarios(dir = WRITTEN_DIR): Set<string> {
  return new Set(
    WRITTEN_TRAIN_SETS.flatMap((set) => readWrittenSet(set, dir).prompts.map((p) => `${p.lang}/${p.family}`)),
  );
}

/** The written probe as examples of a report-only split (`test`): never in the fitted data. */
export function writtenProbe(dir = WRITTEN_DIR): { examples: Example[]; files: Record<string, string> } {
  const read = readWrittenSet(WRITTEN_PROBE_SET, dir);
  return {
    examples: writtenDrafts(read, WRITTEN_PROBE_SET).map((d) => ({ ...d, split: 'test' as const })),
    files: read.files,
  };
}

/** The held-out part of set `g` (languages beyond English and Chinese) as report-only examples (`test`). */
export function writtenLanguagesHeldOut(dir = WRITTEN_DIR): { examples: Example[]; files: Record<string, string> } {
  const read = readWrittenSet(WRITTEN_LANGUAGES_HELD_OUT_SET, dir);
  return {
    examples: writtenDrafts(read, WRITTEN_LANGUAGES_HELD_OUT_SET).map((d) => ({ ...d, split: 'test' as const })),
    files: read.files,
  };
}
