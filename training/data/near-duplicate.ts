/**
 * Near-duplicate detection between prompt sets, for keeping held-out data held out: a prompt is a
 * near duplicate of a corpus when a large share of its 8-token shingles occur somewhere in the
 * corpus. Tokens are lowercased runs of letters and digits outside Han script, and single Han
 * characters, so the measure works the same in English, Chinese and text mixing both. A text
 * shorter than 8 tokens is one shingle: it matches only a text that is the same once normalised,
 * not a longer text containing it.
 */
const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
export const SHINGLE_TOKENS = 8;

export function shingles(text: string): Set<string> {
  const tokens = text.toLowerCase().match(TOKEN) ?? [];
  const out = new Set<string>();
  if (tokens.length < SHINGLE_TOKENS) {
    if (tokens.length > 0) out.add(tokens.join(' '));
    return out;
  }
  for (let i = 0; i + SHINGLE_TOKENS <= tokens.length; i++) out.add(tokens.slice(i, i + SHINGLE_TOKENS).join(' '));
  return out;
}

export class ShingleIndex {
  private readonly seen = new Set<string>();

  constructor(texts: Iterable<string> = []) {
    for (const t of texts) this.add(t);
  }

  add(text: string): void {
    for (const s of shingles(text)) this.seen.add(s);
  }

  /** Share of the text's shingles found in the index (0 for a text without tokens). */
  overlap(text: string): number {
    const own = shingles(text);
    if (own.size === 0) return 0;
    let hit = 0;
    for (const s of own) if (this.seen.has(s)) hit++;
    return hit / own.size;
  }
}

/**
 * Share of shingles at which a prompt counts as a near duplicate: of the held-out test and
 * hard-negative data for a training prompt (strict: a template recalled from a public test
 * source), of the training data for a probe prompt.
 */
export const MAX_OVERLAP_WITH_HELD_OUT = 0.1;
export const MAX_OVERLAP_WITH_TRAINING = 0.2;
