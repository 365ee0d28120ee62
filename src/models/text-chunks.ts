/**
 * Splitting long text into chunks that fit an encoder's window.
 *
 * Text is cut into sentences (Latin and CJK sentence ends, line breaks), and sentences are
 * packed greedily into chunks of at most `maxTokens` encoder tokens and `maxChars` characters.
 * Each chunk after the first repeats the previous chunk's last sentence, so an instruction
 * that straddles a boundary still appears whole in one chunk. A single sentence longer than
 * the window is cut at word (or, for CJK, character) boundaries.
 *
 * Invariants:
 * - A chunk is a concatenation of spans of the text (sentences skip whitespace-only runs), and
 *   the token count that decides a cut is the encoder's count of exactly that concatenation.
 * - Counting goes through a `SpanCounter` that grows one span at a time, so a tokenizer that can
 *   extend its count (see sentencepiece-tokenizer.ts) tokenizes each text once instead of
 *   re-tokenizing every growing candidate; the chunks are the same either way.
 */
export interface TextChunkOptions {
  maxTokens: number;
  maxChars: number;
  countTokens: (text: string) => number;
  /**
   * A counter over spans of `text` that extends its count as spans are appended; when absent
   * (or null for this text) each candidate is counted with `countTokens` on its string.
   */
  spanCounter?: (text: string) => SpanCounter | null;
}

/** Token count of a growing concatenation of spans of one text. */
export interface SpanCounter {
  /** Back to the empty concatenation. */
  reset(): void;
  /** Appends text[start, end) (whole code points). */
  push(start: number, end: number): void;
  /** Encoder tokens in the concatenation so far. */
  count(): number;
}

/** The fallback counter: keeps the concatenated string and counts it whole each time. */
export function stringCounter(text: string, countTokens: (t: string) => number): SpanCounter {
  let current = '';
  return {
    reset: () => {
      current = '';
    },
    push: (start, end) => {
      current += text.slice(start, end);
    },
    count: () => countTokens(current),
  };
}

type Span = readonly [number, number];

const SENTENCE = /[^.!?。！？；;\n]+(?:[.!?。！？；;]+|\n+|$)/gu;

function sentenceSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const s = m[0];
    if (s.trim().length > 0) out.push([m.index, m.index + s.length]);
  }
  return out.length > 0 ? out : [[0, text.length]];
}

export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map(([a, b]) => text.slice(a, b));
}

const WHITESPACE = /\s/;
const WORD_END = /(?<=\s)/u;

/**
 * Packs spans of one text greedily, counting each candidate with one growing counter. Spans
 * reach the counter only when a candidate within the character cap is counted: a candidate over
 * the cap does not fit whatever its token count, and the caller starts a new one after it.
 */
class Packer {
  private chars = 0;
  private pending: Span[] = [];

  constructor(
    private readonly text: string,
    private readonly counter: SpanCounter,
    private readonly opts: TextChunkOptions,
  ) {}

  reset(...spans: Span[]): void {
    this.counter.reset();
    this.chars = 0;
    this.pending = [];
    for (const s of spans) this.push(s);
  }

  push(span: Span): void {
    this.pending.push(span);
    this.chars += span[1] - span[0];
  }

  fits(): boolean {
    if (this.chars > this.opts.maxChars) return false;
    for (const [a, b] of this.pending) this.counter.push(a, b);
    this.pending = [];
    return this.counter.count() <= this.opts.maxTokens;
  }

  /** Whether these spans alone fit. */
  spansFit(...spans: Span[]): boolean {
    this.reset(...spans);
    return this.fits();
  }

  /** Cuts one over-long sentence into pieces that fit, at spaces where there are any. */
  cutSentence([start, end]: Span): Span[] {
    const sentence = this.text.slice(start, end);
    const units: Span[] = [];
    let at = start;
    for (const unit of WHITESPACE.test(sentence.trim()) ? sentence.split(WORD_END) : [...sentence]) {
      units.push([at, at + unit.length]);
      at += unit.length;
    }
    const pieces: Span[] = [];
    let current: [number, number] | null = null;
    this.reset();
    for (const unit of units) {
      this.push(unit);
      if (current && !this.fits()) {
        pieces.push(current);
        current = [unit[0], unit[1]];
        this.reset(unit);
      } else {
        current = current ? [current[0], unit[1]] : [unit[0], unit[1]];
      }
    }
    if (current && this.text.slice(current[0], current[1]).trim()) pieces.push(current);
    return pieces;
  }
}

const joined = (text: string, spans: readonly Span[]) => spans.map(([a, b]) => text.slice(a, b)).join('');

export function splitIntoChunks(text: string, opts: TextChunkOptions): string[] {
  const counter = opts.spanCounter?.(text) ?? stringCounter(text, opts.countTokens);
  const packer = new Packer(text, counter, opts);
  if (packer.spansFit([0, text.length])) return [text];
  const sentences = sentenceSpans(text).flatMap((s) => (packer.spansFit(s) ? [s] : packer.cutSentence(s)));
  const chunks: string[] = [];
  let current: Span[] = [];
  packer.reset();
  for (const sentence of sentences) {
    packer.push(sentence);
    if (current.length > 0 && !packer.fits()) {
      chunks.push(joined(text, current));
      const carried = current[current.length - 1] as Span;
      current = packer.spansFit(carried, sentence) ? [carried, sentence] : [sentence];
      if (current.length === 1) packer.reset(sentence);
    } else {
      current.push(sentence);
    }
  }
  if (current.length > 0) chunks.push(joined(text, current));
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
