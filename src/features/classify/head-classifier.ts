/**
 * Classifies prompts with an encoder and a prompt head.
 *
 * A prompt that fits the encoder's window is scored once. A longer prompt is split into
 * chunks; the lexical path (cheap) ranks every chunk, the first chunk and the most suspicious
 * ones (up to the head's `maxChunksPerPrompt`) are embedded, and the prompt's score per label
 * is the maximum of the whole-prompt score (mean of the embedded chunks + lexical features of
 * the full text) and each embedded chunk's own score. An instruction buried in a long
 * document therefore keeps the score it would have alone.
 */
import { ATTACK_LABELS, type AttackLabel, type LabelScores } from '../../labels.js';
import type { Encoder } from '../../models/encoder.js';
import type { PromptHead } from '../../models/heads/prompt-head.js';
import { hanShare, lexicalFeatures } from '../../models/lexical-features.js';
import type { SparseVector } from '../../models/feature-hashing.js';
import { meanNormalized } from '../../models/vector-math.js';
import type { PromptClassification, PromptClassifier } from './types.js';

export interface PromptAnalysis {
  probs: number[];
  /** Logits of both paths for the whole prompt (before the chunk maximum), and its Han share. */
  whole: { semantic: Float32Array; lexical: Float32Array; han: number };
  /** Chunks embedded; 1 for a prompt that fits the encoder's window. */
  chunks: number;
  /** Index of the chunk that raised a label above the whole-prompt score, or -1. */
  strongestChunk: number;
}

interface Plan {
  lexical: SparseVector;
  han: number;
  /** Chunks to embed; a prompt that fits the window is its own single chunk. */
  chunks: string[];
  chunkLexical: SparseVector[];
}

export class HeadClassifier implements PromptClassifier {
  constructor(
    private readonly encoder: Encoder,
    readonly head: PromptHead,
  ) {}

  get version(): string {
    return this.head.version;
  }

  private plan(prompt: string): Plan {
    const lexical = lexicalFeatures(prompt, this.head.meta.lexical);
    const han = hanShare(prompt);
    const chunks = this.encoder.splitIntoChunks(prompt);
    if (chunks.length === 1) return { lexical, han, chunks, chunkLexical: [] };
    const max = this.head.meta.inference.maxChunksPerPrompt;
    const chunkLexical = chunks.map((c) => lexicalFeatures(c, this.head.meta.lexical));
    let keep = chunks.map((_, i) => i);
    if (chunks.length > max) {
      const ranked = keep
        .slice(1)
        .map((i) => ({ i, s: this.head.lexicalSuspicion(chunkLexical[i] as SparseVector) }))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, max - 1)
        .map((r) => r.i);
      keep = [0, ...ranked].sort((a, b) => a - b);
    }
    return {
      lexical,
      han,
      chunks: keep.map((i) => chunks[i] as string),
      chunkLexical: keep.map((i) => chunkLexical[i] as SparseVector),
    };
  }

  /** Per-prompt probabilities (ATTACK_LABELS order) with the whole-prompt path logits behind them. */
  async analyze(prompts: readonly string[]): Promise<PromptAnalysis[]> {
    const plans = prompts.map((p) => this.plan(p));
    const vectors = await this.encoder.embedChunks(plans.flatMap((p) => p.chunks));
    const out: PromptAnalysis[] = [];
    let at = 0;
    for (const plan of plans) {
      const chunkVectors = vectors.slice(at, at + plan.chunks.length);
      at += plan.chunks.length;
      const whole = this.head.logits(meanNormalized(chunkVectors), plan.lexical);
      const probs = this.head.combine(whole, plan.han);
      let strongestChunk = -1;
      plan.chunkLexical.forEach((lex, k) => {
        const p = this.head.probabilities(chunkVectors[k] as Float32Array, lex, hanShare(plan.chunks[k] as string));
        for (let i = 0; i < probs.length; i++) {
          if ((p[i] as number) > (probs[i] as number)) {
            probs[i] = p[i] as number;
            strongestChunk = k;
          }
        }
      });
      out.push({ probs, whole: { ...whole, han: plan.han }, chunks: plan.chunks.length, strongestChunk });
    }
    return out;
  }

  async classify(prompts: readonly string[]): Promise<PromptClassification[]> {
    const analyses = await this.analyze(prompts);
    return analyses.map((a) => this.decide(a.probs));
  }

  decide(probs: readonly number[]): PromptClassification {
    const scores = {} as LabelScores;
    const categories = {} as Record<AttackLabel, boolean>;
    let label: AttackLabel | 'benign' = 'benign';
    let best = -1;
    ATTACK_LABELS.forEach((name, i) => {
      const score = probs[i] as number;
      const hit = score >= this.head.meta.thresholds[name];
      scores[name] = Math.round(score * 1e6) / 1e6;
      categories[name] = hit;
      // Margin over the label's own threshold decides between two labels that both pass.
      const margin = score - this.head.meta.thresholds[name];
      if (hit && margin > best) {
        best = margin;
        label = name;
      }
    });
    return { label, flagged: label !== 'benign', scores, categories, model: this.version };
  }
}
