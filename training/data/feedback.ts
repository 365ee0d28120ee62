/**
 * Analyst feedback (`distill-guard feedback export`) as training data. Feedback examples go to
 * the `train` split only, after the public and generated examples: a text already in the data is
 * skipped (so feedback never displaces an example or moves the fixed evaluation set), and the
 * data manifest records what was read and kept.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FeedbackExample } from '../../src/contracts/feedback.js';
import { parseJsonlText } from '../../src/util/jsonl-reader.js';
import { sha256 } from './rng.js';
import type { Example } from './types.js';

export interface FeedbackManifest {
  file: string;
  sha256: string;
  lines: number;
  /** Examples added to the training split. */
  included: number;
  /** Lines whose text was already in the data (or earlier in the file). */
  duplicates: number;
  byLabel: Record<string, number>;
  byKind: Record<string, number>;
  hardNegatives: number;
}

export class FeedbackFileError extends Error {
  override readonly name = 'FeedbackFileError';
}

/** Reads and validates a feedback export; a bad line fails with its line number. */
export function readFeedbackFile(file: string): { examples: FeedbackExample[]; sha256: string; path: string } {
  const path = resolve(file);
  const raw = readFileSync(path);
  const examples = parseJsonlText(
    raw.toString('utf8'),
    FeedbackExample,
    (message) => new FeedbackFileError(`${path} ${message}`),
  ).map((l) => l.data);
  return { examples, sha256: sha256(raw), path };
}

/** Feedback examples whose text is not in `seen` (which is extended), as train-split examples. */
export function feedbackExamples(file: string, seen: Set<string>): { examples: Example[]; manifest: FeedbackManifest } {
  const read = readFeedbackFile(file);
  const out: Example[] = [];
  let duplicates = 0;
  const byLabel: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  for (const f of read.examples) {
    if (seen.has(f.text)) {
      duplicates++;
      continue;
    }
    seen.add(f.text);
    out.push({
      id: f.id,
      text: f.text,
      label: f.label,
      source: f.source,
      family: f.family,
      lang: f.lang,
      split: 'train',
      hardNegative: f.hardNegative,
      provenance: f.provenance,
    });
    byLabel[f.label] = (byLabel[f.label] ?? 0) + 1;
    byKind[f.provenance.kind] = (byKind[f.provenance.kind] ?? 0) + 1;
  }
  return {
    examples: out,
    manifest: {
      file: read.path,
      sha256: read.sha256,
      lines: read.examples.length,
      included: out.length,
      duplicates,
      byLabel,
      byKind,
      hardNegatives: out.filter((e) => e.hardNegative).length,
    },
  };
}
