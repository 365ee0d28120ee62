/**
 * Splitting long text into chunks that fit an encoder's window.
 *
 * Text is cut into sentences (Latin and CJK sentence ends, line breaks), and sentences are
 * packed greedily into chunks of at most `maxTokens` encoder tokens and `maxChars` characters.
 * Each chunk after the first repeats the previous chunk's last sentence, so an instruction
 * that straddles a boundary still appears whole in one chunk. A single sentence longer than
 * the window is cut at word (or, for CJK, character) boundaries.
 */
export interface TextChunkOptions {
  maxTokens: number;
  maxChars: number;
  countTokens: (text: string) => number;
}

const SENTENCE = /[^.!?。！？；;\n]+(?:[.!?。！？；;]+|\n+|$)/gu;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const s = m[0];
    if (s.trim().length > 0) out.push(s);
  }
  return out.length > 0 ? out : [text];
}

function fits(text: string, opts: TextChunkOptions): boolean {
  return text.length <= opts.maxChars && opts.countTokens(text) <= opts.maxTokens;
}

/** Cuts one over-long sentence into pieces that fit, at spaces where there are any. */
function cutSentence(sentence: string, opts: TextChunkOptions): string[] {
  const units = /\s/.test(sentence.trim()) ? sentence.split(/(?<=\s)/u) : [...sentence];
  const pieces: string[] = [];
  let current = '';
  for (const unit of units) {
    const next = current + unit;
    if (current && !fits(next, opts)) {
      pieces.push(current);
      current = unit;
    } else {
      current = next;
    }
  }
  if (current.trim()) pieces.push(current);
  return pieces;
}

export function splitIntoChunks(text: string, opts: TextChunkOptions): string[] {
  if (fits(text, opts)) return [text];
  const sentences = splitSentences(text).flatMap((s) => (fits(s, opts) ? [s] : cutSentence(s, opts)));
  const chunks: string[] = [];
  let current: string[] = [];
  for (const sentence of sentences) {
    const candidate = current.join('') + sentence;
    if (current.length > 0 && !fits(candidate, opts)) {
      chunks.push(current.join(''));
      const carried = current[current.length - 1] as string;
      current = fits(carried + sentence, opts) ? [carried, sentence] : [sentence];
    } else {
      current.push(sentence);
    }
  }
  if (current.length > 0) chunks.push(current.join(''));
  return chunks;
}

/** At most `max` items, evenly spaced, first and last included. */
export function evenlyCapped<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice();
  if (max <= 1) return items.slice(0, 1);
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.round((i * (items.length - 1)) / (max - 1))] as T);
  return out;
}
