/**
 * Unigram SentencePiece tokenizer for the Universal Sentence Encoder lite vocabulary
 * (port of the tokenizer in TensorFlow.js models / @energetic-ai/embeddings, Apache-2.0).
 * The vocabulary is a list of [piece, score]; ids are list positions; id 0 is <unk>.
 * Encoding is a Viterbi search for the highest-scoring segmentation.
 */
const WORD_START = '\u2581';
const RESERVED_SYMBOLS = 6;

interface TrieNode {
  children: Map<string, TrieNode>;
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

  constructor(private readonly vocabulary: Vocabulary) {
    for (let id = RESERVED_SYMBOLS; id < vocabulary.length; id++) {
      const entry = vocabulary[id];
      if (!entry) continue;
      const symbols = [...entry[0]];
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
    }
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /** Token ids of a text (NFKC-normalised, spaces marked as word starts, runs of <unk> merged). */
  encode(text: string): number[] {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return [];
    const symbols = [...(WORD_START + normalized.replace(/ /g, WORD_START))];
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
        node = node.children.get(symbols[end] as string);
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
