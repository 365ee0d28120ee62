/**
 * Unigram SentencePiece tokenizer for the Universal Sentence Encoder lite vocabulary
 * (port of the tokenizer in TensorFlow.js models / @energetic-ai/embeddings, Apache-2.0).
 * The vocabulary is a list of [piece, score]; ids are list positions; id 0 is <unk>.
 * Encoding is a Viterbi search for the highest-scoring segmentation.
 */
import type { SpanCounter } from './text-chunks.js';

const WORD_START = '\u2581';
/** Symbols are code points (trie keys are small integers). */
const WORD_START_CP = 0x2581;
const codePoints = (text: string): number[] => Array.from(text, (c) => c.codePointAt(0) as number);
const RESERVED_SYMBOLS = 6;

interface TrieNode {
  children: Map<number, TrieNode>;
  id: number;
  score: number;
  length: number;
}

function newNode(): TrieNode {
  return { children: new Map(), id: -1, score: 0, length: 0 };
}

export type Vocabulary = ReadonlyArray<readonly [string, number]>;

export class SentencePieceTokenizer {
  private readonly root = newNode();
  /** The same pieces spelled backwards: walked from a piece's last symbol to its first. */
  private readonly reversed = newNode();
  /** Every piece's first symbol is itself a piece, so whether a position starts a piece never depends on what follows. */
  private readonly singleSymbolStarts: boolean;

  constructor(private readonly vocabulary: Vocabulary) {
    for (let id = RESERVED_SYMBOLS; id < vocabulary.length; id++) {
      const entry = vocabulary[id];
      if (!entry) continue;
      const symbols = codePoints(entry[0]);
      let node = this.root;
      for (const s of symbols) {
        let next = node.children.get(s);
        if (!next) {
          next = newNode();
          node.children.set(s, next);
        }
        node = next;
      }
      node.id = id;
      node.score = entry[1];
      node.length = symbols.length;
      let back = this.reversed;
      for (let i = symbols.length - 1; i >= 0; i--) {
        let next = back.children.get(symbols[i] as number);
        if (!next) {
          next = newNode();
          back.children.set(symbols[i] as number, next);
        }
        back = next;
      }
      back.id = id;
      back.score = entry[1];
      back.length = symbols.length;
    }
    this.singleSymbolStarts = [...this.root.children.values()].every((n) => n.id >= 0);
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /** Token ids of a text (NFKC-normalised, spaces marked as word starts, runs of <unk> merged). */
  encode(text: string): number[] {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return [];
    return this.viterbi(codePoints(WORD_START + normalized.replace(/ /g, WORD_START)));
  }

  /**
   * A counter of the tokens in a growing concatenation of spans of `text`: `encode(concatenation)
   * .length` at every step, computed by extending one Viterbi pass instead of encoding each
   * concatenation again. Null when this text cannot be counted that way (its NFKC form depends on
   * neighbouring characters, or the vocabulary has a piece whose first symbol is not a piece).
   */
  spanCounter(text: string): SpanCounter | null {
    if (!this.singleSymbolStarts) return null;
    const symbols = localSymbols(text);
    return symbols ? new ViterbiCounter(this, symbols) : null;
  }

  /**
   * One step of the Viterbi pass over a growing sequence: fills position `e` (after
   * `symbols[e - 1]`) of `best` (score), `bestId` (last piece) and `tokens` (count) from the
   * pieces ending there, with `encode`'s tie rule (the later start wins). Exact when
   * `singleSymbolStarts` holds: whether a position starts a piece then never depends on what follows.
   */
  extendViterbi(
    symbols: readonly number[],
    e: number,
    best: Float64Array,
    bestId: Int32Array,
    tokens: Int32Array,
  ): void {
    let top = Number.NEGATIVE_INFINITY;
    let from = -1;
    let id = 0;
    // Candidates in order of decreasing start; a later one must be strictly better to win.
    if (!this.root.children.has(symbols[e - 1] as number)) {
      const base = best[e - 1] as number;
      if (base !== Number.NEGATIVE_INFINITY) {
        top = base;
        from = e - 1;
      }
    }
    let node: TrieNode | undefined = this.reversed;
    for (let start = e - 1; start >= 0 && node; start--) {
      node = node.children.get(symbols[start] as number);
      if (!node || node.id < 0) continue;
      const base = best[start] as number;
      if (base === Number.NEGATIVE_INFINITY) continue;
      const score = base + node.score;
      if (score > top) {
        top = score;
        from = start;
        id = node.id;
      }
    }
    best[e] = top;
    bestId[e] = id;
    tokens[e] = from < 0 ? 0 : (tokens[from] as number) + (id === 0 && from > 0 && bestId[from] === 0 ? 0 : 1);
  }

  private viterbi(symbols: readonly number[]): number[] {
    const n = symbols.length;
    const best = new Float64Array(n + 1).fill(Number.NEGATIVE_INFINITY);
    const bestId = new Int32Array(n + 1);
    const bestLen = new Int32Array(n + 1);
    best[0] = 0;
    for (let start = 0; start < n; start++) {
      const base = best[start] as number;
      if (base === Number.NEGATIVE_INFINITY) continue;
      let node: TrieNode | undefined = this.root;
      let matched = false;
      for (let end = start; end < n && node; end++) {
        node = node.children.get(symbols[end] as number);
        if (node && node.id >= 0) {
          matched = true;
          const score = base + node.score;
          if (score >= (best[end + 1] as number)) {
            best[end + 1] = score;
            bestId[end + 1] = node.id;
            bestLen[end + 1] = node.length;
          }
        }
      }
      if (!matched) {
        // Unknown symbol: one <unk> piece with score 0, as in the reference tokenizer.
        const score = base;
        if (score >= (best[start + 1] as number)) {
          best[start + 1] = score;
          bestId[start + 1] = 0;
          bestLen[start + 1] = 1;
        }
      }
    }
    const reversed: number[] = [];
    for (let pos = n; pos > 0;) {
      reversed.push(bestId[pos] as number);
      pos -= Math.max(1, bestLen[pos] as number);
    }
    const ids: number[] = [];
    for (let i = reversed.length - 1; i >= 0; i--) {
      const id = reversed[i] as number;
      if (id === 0 && ids.length > 0 && ids[ids.length - 1] === 0) continue;
      ids.push(id);
    }
    return ids;
  }
}

const ASCII = /^[^\u0080-\uffff]*$/;
/** Combining marks and Hangul jamo: characters that may compose with a neighbour once spans are joined. */
const COMPOSING = /[\p{M}\u1100-\u11ff\u3130-\u318f]/u;
const normalizedChars = new Map<string, string>();

/**
 * The NFKC symbols of a text, one code point at a time (spaces as word starts), with the symbol
 * index at every UTF-16 offset; null when normalising the text whole gives anything else (a
 * character composing with its neighbour), since then a span's symbols depend on its context.
 */
function localSymbols(text: string): { symbols: number[]; at: Int32Array } | null {
  const at = new Int32Array(text.length + 1);
  const symbols: number[] = [];
  const parts: string[] = [];
  const ascii = ASCII.test(text);
  if (!ascii && COMPOSING.test(text)) return null;
  let offset = 0;
  for (const ch of text) {
    at[offset] = symbols.length;
    let normal = ch;
    if (!ascii && ch.charCodeAt(0) > 0x7f) {
      normal = normalizedChars.get(ch) ?? ch.normalize('NFKC');
      if (normalizedChars.size < 65_536) normalizedChars.set(ch, normal);
    }
    if (!ascii) parts.push(normal);
    for (const symbol of normal) symbols.push(symbol === ' ' ? WORD_START_CP : (symbol.codePointAt(0) as number));
    if (ch.length === 2) at[offset + 1] = symbols.length;
    offset += ch.length;
  }
  at[offset] = symbols.length;
  if (!ascii && parts.join('') !== text.normalize('NFKC')) return null;
  return { symbols, at };
}

/**
 * The Viterbi pass of `encode`, run position by position over a growing symbol sequence: the
 * best segmentation ending at each position is chosen from the pieces ending there, with the
 * same scores and the same tie rule (the later start wins), and carries its token count (runs of
 * <unk> counted once). Valid because the tokenizer's pieces all start with a one-symbol piece.
 */
class ViterbiCounter implements SpanCounter {
  private seq: number[] = [];
  private best = new Float64Array(256);
  private bestId = new Int32Array(256);
  private tokens = new Int32Array(256);

  constructor(
    private readonly tokenizer: SentencePieceTokenizer,
    private readonly text: { symbols: number[]; at: Int32Array },
  ) {
    this.reset();
  }

  reset(): void {
    this.seq = [WORD_START_CP];
    this.best[0] = 0;
    this.bestId[0] = 0;
    this.tokens[0] = 0;
    this.extend();
  }

  push(start: number, end: number): void {
    const { symbols, at } = this.text;
    for (let k = at[start] as number; k < (at[end] as number); k++) {
      this.seq.push(symbols[k] as number);
      this.extend();
    }
  }

  count(): number {
    return this.seq.length === 1 ? 0 : (this.tokens[this.seq.length] as number);
  }

  /** Fills the position after the last symbol. */
  private extend(): void {
    const e = this.seq.length;
    if (e >= this.best.length) this.grow(e * 2);
    this.tokenizer.extendViterbi(this.seq, e, this.best, this.bestId, this.tokens);
  }

  private grow(size: number): void {
    const best = new Float64Array(size);
    best.set(this.best);
    const bestId = new Int32Array(size);
    bestId.set(this.bestId);
    const tokens = new Int32Array(size);
    tokens.set(this.tokens);
    this.best = best;
    this.bestId = bestId;
    this.tokens = tokens;
  }
}
