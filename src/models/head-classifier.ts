/**
 * Classifies prompts with an encoder and a prompt head.
 *
 * A prompt that fits the encoder's window is scored once. A longer prompt gets two views:
 * - the whole prompt: the mean of up to `maxChunksPerPrompt` evenly spaced window-sized chunks
 *   (the same representation training uses) with the lexical features of the full text;
 * - fine windows of about 48 tokens: the lexical path (cheap) ranks every window and the most
 *   suspicious ones (up to `maxChunksPerPrompt`) are kept; those that can change the decision
 *   (see UNCERTAINTY_BAND) are embedded and scored on their own.
 * The score per label is the maximum over both views, so one instruction buried in a long
 * document keeps the score it would have alone; a window's score is first calibrated for the
 * number of windows the prompt has (window-aggregation.ts), so the maximum over many windows does
 * not flag long benign prompts for their length.
 *
 * When several labels pass their thresholds, the likeliest wins (decide-label.ts).
 */
import { ATTACK_LABELS, DEFAULT_TRAINED_LANGUAGES, type AttackLabel } from '../labels.js';
import { detectLang, type LanguageCode } from '../util/lang.js';
import type { Encoder } from './encoder.js';
import type { PromptHead } from './heads/prompt-head.js';
import { hanShare, lexicalFeatures } from './lexical-features.js';
import type { SparseVector } from './feature-hashing.js';
import { meanNormalized } from './vector-math.js';
import { clearedByLexical, lexicalProbabilities } from './heads/prescreen.js';
import { evenlyCapped } from './text-chunks.js';
import { aggregateWindows, logit } from './window-aggregation.js';
import type { PromptClassification, PromptClassifier, PromptVerdict } from './prompt-classifier.js';
import { Lru } from '../util/lru.js';
import { decideLabel, roundedScores } from './decide-label.js';
import { lengthBucket } from './length-bucket.js';

export interface PromptAnalysis {
  probs: number[];
  /** Probabilities of the whole prompt alone, and of each fine window scored (before calibration). */
  wholeProbs: number[];
  windowProbs: number[][];
  /** Fine windows the prompt was cut into (0 for a prompt that fits the encoder's window). */
  windowCount: number;
  /** Logits of both paths for the whole prompt (before the chunk maximum), and its Han share. */
  whole: { semantic: Float32Array; lexical: Float32Array; han: number };
  /** Texts embedded: 1 for a prompt that fits the encoder's window, else chunks + windows scored. */
  chunks: number;
  /** The fine window that raised a label above the whole-prompt score, if any. */
  strongestWindow: string | null;
}

/** Window size (encoder tokens) for locating an instruction inside a long prompt. */
export const WINDOW_TOKENS = 48;

/**
 * Half-width (in logits) of the band around each label's threshold where the whole prompt's score
 * is uncertain. Fine windows are embedded only where they can change the decision:
 * - every kept window when a label's whole-prompt score is within the band of its threshold;
 * - otherwise only the windows with an instruction-like span: those the lexical pre-screen does
 *   not clear (every kept window for a head without a pre-screen, and for a prompt in a language
 *   with thresholds of its own, which the pre-screen's thresholds were not chosen for).
 */
export const UNCERTAINTY_BAND = 1;

interface Plan {
  /** The thresholds this prompt is held to (its language's or its length bucket's). */
  thresholds: Readonly<Record<AttackLabel, number>>;
  /** Whether they are its language's: then every kept fine window is scored (no pre-screen gating). */
  ownLanguage: boolean;
  lexical: SparseVector;
  han: number;
  /** Chunks averaged into the whole-prompt vector (the prompt itself when it fits). */
  chunks: string[];
  /** Fine windows scored on their own (long prompts only). */
  windows: string[];
  windowLexical: SparseVector[];
  /** Fine windows the prompt was cut into, before the most suspicious were kept. */
  windowCount: number;
}

/**
 * What the encoder's tokenizer and the lexical path make of one prompt, computed once: the
 * pre-screen and the full model both read it (a prompt the pre-screen passes on is not split
 * or segmented again).
 */
interface PromptViews {
  lexical: SparseVector;
  han: number;
  /** Window-sized chunks (the prompt itself when it fits). */
  chunks: string[];
  /** Fine windows with their lexical features (long prompts only). */
  windows: string[];
  windowLexical: SparseVector[];
  language: LanguageCode;
}

/** Prompts whose views are kept between the pre-screen and the encoder pass. */
const VIEWS_KEPT = 512;
/** Fine windows whose lexical features are kept: a system prompt or template repeats its windows in every request. */
const WINDOW_FEATURES_KEPT = 8192;

export class HeadClassifier implements PromptClassifier {
  /** Languages the head was trained for (`head.json`, else DEFAULT_TRAINED_LANGUAGES). */
  readonly languages: ReadonlySet<LanguageCode>;
  private readonly views = new Lru<string, PromptViews>(VIEWS_KEPT);
  private readonly windowFeatures = new Lru<string, SparseVector>(WINDOW_FEATURES_KEPT);

  constructor(
    private readonly encoder: Encoder,
    readonly head: PromptHead,
  ) {
    this.languages = new Set(head.meta.languages ?? DEFAULT_TRAINED_LANGUAGES);
  }

  /** The prompt's language and whether this head was trained for it (a prompt without letters, `und`, is). */
  language(prompt: string): Pick<PromptClassification, 'language' | 'supported'> {
    return this.languageOf(detectLang(prompt));
  }

  private languageOf(language: LanguageCode): Pick<PromptClassification, 'language' | 'supported'> {
    return { language, supported: language === 'und' || this.languages.has(language) };
  }

  private windowLexical(window: string): SparseVector {
    let features = this.windowFeatures.get(window);
    if (!features) {
      features = lexicalFeatures(window, this.head.meta.lexical);
      this.windowFeatures.set(window, features);
    }
    return features;
  }

  private viewsOf(prompt: string): PromptViews {
    const kept = this.views.get(prompt);
    if (kept) return kept;
    const chunks = this.encoder.splitIntoChunks(prompt);
    const windows = chunks.length > 1 ? this.encoder.splitIntoChunks(prompt, WINDOW_TOKENS) : [];
    const views = {
      lexical: lexicalFeatures(prompt, this.head.meta.lexical),
      han: hanShare(prompt),
      chunks,
      windows,
      windowLexical: windows.map((w) => this.windowLexical(w)),
      language: detectLang(prompt),
    };
    this.views.set(prompt, views);
    return views;
  }

  get version(): string {
    return this.head.version;
  }

  private plan(prompt: string): Plan {
    const { lexical, han, chunks, windows, windowLexical, language } = this.viewsOf(prompt);
    const thresholds = this.thresholdsFor(prompt, language);
    const ownLanguage = this.languageThresholds(language) !== undefined;
    if (chunks.length === 1)
      return { thresholds, ownLanguage, lexical, han, chunks, windows: [], windowLexical: [], windowCount: 0 };
    const max = this.head.meta.inference.maxChunksPerPrompt;
    const keep = windows
      .map((_, i) => ({ i, s: this.head.lexicalSuspicion(windowLexical[i] as SparseVector) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, max)
      .map((r) => r.i)
      .sort((a, b) => a - b);
    return {
      thresholds,
      ownLanguage,
      lexical,
      han,
      chunks: evenlyCapped(chunks, max),
      windows: keep.map((i) => windows[i] as string),
      windowLexical: keep.map((i) => windowLexical[i] as SparseVector),
      windowCount: windows.length,
    };
  }

  /** The texts `analyze` embeds for each prompt: its chunks, then the fine windows it scores (benchmarks run the raw encoder on them). */
  async textsToEmbed(prompts: readonly string[]): Promise<string[][]> {
    const plans = prompts.map((p) => this.plan(p));
    const fine = this.fineWindows(plans, await this.wholeScores(plans));
    return plans.map((plan, i) => [...plan.chunks, ...(fine[i] as number[]).map((k) => plan.windows[k] as string)]);
  }

  /** Each plan's whole-prompt logits and probabilities (one encoder call for every plan's chunks). */
  private async wholeScores(
    plans: readonly Plan[],
  ): Promise<{ logits: ReturnType<PromptHead['logits']>; probs: number[] }[]> {
    const vectors = await this.encoder.embedChunks(plans.flatMap((p) => p.chunks));
    let at = 0;
    return plans.map((plan) => {
      const logits = this.head.logits(meanNormalized(vectors.slice(at, (at += plan.chunks.length))), plan.lexical);
      return { logits, probs: this.head.combine(logits, plan.han) };
    });
  }

  /** Per plan, the indices of the kept fine windows worth embedding (see UNCERTAINTY_BAND). */
  private fineWindows(plans: readonly Plan[], wholes: readonly { probs: number[] }[]): number[][] {
    const pre = this.head.prescreen;
    return plans.map((plan, i) => {
      const margins = (wholes[i] as { probs: number[] }).probs.map(
        (p, j) => logit(p) - logit(plan.thresholds[ATTACK_LABELS[j] as AttackLabel]),
      );
      const all = plan.windows.map((_, k) => k);
      if (margins.some((m) => Math.abs(m) < UNCERTAINTY_BAND) || !pre || plan.ownLanguage) return all;
      return all.filter((k) => {
        const lexical = lexicalProbabilities(
          pre,
          this.head.lexical.forward(plan.windowLexical[k] as SparseVector),
          hanShare(plan.windows[k] as string),
        );
        return !clearedByLexical(pre.thresholds, lexical);
      });
    });
  }

  /**
   * Per-prompt probabilities (ATTACK_LABELS order) with the whole-prompt path logits behind them.
   * `everyWindow` scores every kept fine window, as if each could change the decision (training's
   * serving policy chooses window offsets and thresholds on them, before the thresholds that set the
   * uncertainty band are known).
   */
  async analyze(prompts: readonly string[], opts: { everyWindow?: boolean } = {}): Promise<PromptAnalysis[]> {
    const plans = prompts.map((p) => this.plan(p));
    const wholes = await this.wholeScores(plans);
    const fine = opts.everyWindow
      ? plans.map((plan) => plan.windows.map((_, k) => k))
      : this.fineWindows(plans, wholes);
    const vectors = await this.encoder.embedChunks(
      plans.flatMap((plan, i) => (fine[i] as number[]).map((k) => plan.windows[k] as string)),
    );
    let at = 0;
    return plans.map((plan, i) => {
      const kept = fine[i] as number[];
      const windows = kept.map((k) => plan.windows[k] as string);
      const windowVectors = vectors.slice(at, (at += kept.length));
      const { logits: whole, probs: wholeProbs } = wholes[i] as {
        logits: ReturnType<PromptHead['logits']>;
        probs: number[];
      };
      const windowProbs = kept.map((k, n) =>
        this.head.probabilities(
          windowVectors[n] as Float32Array,
          plan.windowLexical[k] as SparseVector,
          hanShare(windows[n] as string),
        ),
      );
      const { probs, from } = aggregateWindows(
        wholeProbs,
        windowProbs,
        plan.windowCount,
        this.head.meta.inference.windowOffset,
      );
      const strongest = from.reduce((a, k) => (k > a ? k : a), -1);
      return {
        probs,
        wholeProbs,
        windowProbs,
        windowCount: plan.windowCount,
        whole: { ...whole, han: plan.han },
        chunks: plan.chunks.length + windows.length,
        strongestWindow: strongest >= 0 ? (windows[strongest] as string) : null,
      };
    });
  }

  /**
   * Clears prompts the lexical path alone finds clearly benign (see models/heads/prescreen.ts):
   * the whole prompt and, for a long prompt, every fine window must be below the pre-screen
   * thresholds, so one instruction buried in a document still goes to the full model. A prompt in
   * a language with thresholds of its own always goes to the full model: the pre-screen's
   * thresholds keep the recall at the other thresholds, not at those.
   */
  prescreen(prompts: readonly string[]): (PromptClassification | null)[] {
    const pre = this.head.prescreen;
    if (!pre) return prompts.map(() => null);
    const probsOf = (lexical: SparseVector, han: number) =>
      lexicalProbabilities(pre, this.head.lexical.forward(lexical), han);
    return prompts.map((prompt) => {
      const views = this.viewsOf(prompt);
      if (this.languageThresholds(views.language)) return null;
      const whole = probsOf(views.lexical, views.han);
      if (!clearedByLexical(pre.thresholds, whole)) return null;
      for (let k = 0; k < views.windows.length; k++) {
        const lexical = views.windowLexical[k] as SparseVector;
        if (!clearedByLexical(pre.thresholds, probsOf(lexical, hanShare(views.windows[k] as string)))) return null;
      }
      const categories = Object.fromEntries(ATTACK_LABELS.map((name) => [name, false])) as Record<AttackLabel, boolean>;
      return {
        label: 'benign',
        flagged: false,
        scores: roundedScores(whole),
        categories,
        model: this.version,
        prescreened: true,
        ...this.languageOf(views.language),
      };
    });
  }

  async classify(prompts: readonly string[]): Promise<PromptClassification[]> {
    const analyses = await this.analyze(prompts);
    return analyses.map((a, i) => {
      const prompt = prompts[i] as string;
      const language = this.views.peek(prompt)?.language ?? detectLang(prompt);
      return { ...this.decide(a.probs, prompt, language), ...this.languageOf(language) };
    });
  }

  /**
   * The thresholds `prompt` is held to: its language's when the head has thresholds for it, else
   * its length bucket's when the head has them, else the head's.
   */
  thresholdsFor(prompt: string, language: LanguageCode = detectLang(prompt)): Readonly<Record<AttackLabel, number>> {
    const own = this.languageThresholds(language);
    if (own) return own;
    const byLength = this.head.meta.thresholdsByLength;
    return byLength ? byLength[lengthBucket(prompt)] : this.head.meta.thresholds;
  }

  /** The thresholds of `language` when the head has thresholds of its own for it. */
  private languageThresholds(language: LanguageCode): Readonly<Record<AttackLabel, number>> | undefined {
    return this.head.meta.thresholdsByLanguage?.[language];
  }

  /** The verdict on `prompt` from its probabilities (as `analyze` gives them). */
  decide(probs: readonly number[], prompt: string, language?: LanguageCode): PromptVerdict {
    return decideLabel(probs, this.thresholdsFor(prompt, language), this.version);
  }
}
