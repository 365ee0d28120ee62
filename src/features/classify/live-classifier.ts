/**
 * A classifier whose model can be replaced while it serves. Each model version has its own
 * micro-batcher; a call goes whole to the batcher that is live when it arrives, so its results
 * all come from one version. A swap loads the new version first (requests keep flowing to the
 * old one), then switches in one synchronous step; the old batcher is closed once the calls its
 * version pre-screened have reached it (it sends what it holds and waits for its batches in
 * flight) and only then is the old model released.
 * With `prescreen`, prompts the live model's lexical pre-screen clears are answered without
 * waiting for a batch; only the rest are queued for the encoder.
 */
import type { Logger } from '../../logger.js';
import { createMicroBatcher, type MicroBatcher, type MicroBatcherOptions } from './micro-batcher.js';
import type { PromptClassification, PromptClassifier } from '../../models/prompt-classifier.js';
import { classifyWithPrescreen } from '../../models/prescreened.js';

export interface LiveClassifierOptions {
  /** Loads a version (a name, or `current`). */
  load: (version: string) => Promise<PromptClassifier>;
  /** Frees a version once no batch uses it any more. */
  release?: (version: string) => Promise<void>;
  batcher: MicroBatcherOptions;
  /** Answer prompts the live model's lexical pre-screen clears without queueing them for the encoder. */
  prescreen?: boolean;
  /** Sees every call's results (metrics). */
  onClassified?: (results: readonly PromptClassification[]) => void;
  logger?: Logger;
}

export interface SwapResult {
  from: string;
  to: string;
  /** False when the requested version was already live. */
  swapped: boolean;
  /** Time to load the new version. */
  loadMs: number;
  /** Time for the old version's pending and in-flight batches to finish after the switch. */
  drainMs: number;
}

export interface LiveClassifier extends MicroBatcher {
  /** Makes `version` live; concurrent swaps run one after the other. A failed load leaves the old version live. */
  swap(version: string): Promise<SwapResult>;
}

/** One version: its classifier, its batcher, and the pre-screened calls still on it. */
interface Live {
  classifier: PromptClassifier;
  batcher: MicroBatcher;
  /** Calls between the pre-screen and the batcher (a pre-screen on another thread is asynchronous). */
  screening: Set<Promise<unknown>>;
}

const liveFor = (classifier: PromptClassifier, opts: LiveClassifierOptions): Live => ({
  classifier,
  batcher: createMicroBatcher(classifier, opts.batcher),
  screening: new Set(),
});

/** Closes a version's batcher once its pre-screened calls have reached it. */
async function closeLive(live: Live): Promise<void> {
  await Promise.allSettled([...live.screening]);
  await live.batcher.close();
}

export function createLiveClassifier(initial: PromptClassifier, opts: LiveClassifierOptions): LiveClassifier {
  let live = liveFor(initial, opts);
  let swaps: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function doSwap(version: string): Promise<SwapResult> {
    const from = live.classifier.version;
    const t0 = performance.now();
    const next = await opts.load(version);
    const loadMs = performance.now() - t0;
    if (closed || next.version === from) return { from, to: from, swapped: false, loadMs, drainMs: 0 };
    const old = live;
    live = liveFor(next, opts);
    const t1 = performance.now();
    await closeLive(old);
    const drainMs = performance.now() - t1;
    await opts.release?.(old.classifier.version);
    opts.logger?.info(
      { from, to: next.version, loadMs: Math.round(loadMs), drainMs: Math.round(drainMs) },
      'model swapped',
    );
    return { from, to: next.version, swapped: true, loadMs, drainMs };
  }

  return {
    get version() {
      return live.classifier.version;
    },
    classify(prompts: readonly string[]): Promise<PromptClassification[]> {
      // One snapshot: the pre-screen and the batcher belong to the same version.
      const current = live;
      let results: Promise<PromptClassification[]>;
      if (opts.prescreen) {
        const call = classifyWithPrescreen(current.classifier, (rest) => current.batcher.classify(rest), prompts);
        const tracked: Promise<unknown> = call.then(
          (): unknown => current.screening.delete(tracked),
          (): unknown => current.screening.delete(tracked),
        );
        current.screening.add(tracked);
        results = call;
      } else results = current.batcher.classify(prompts);
      const seen = opts.onClassified;
      return seen === undefined ? results : results.then((r) => (seen(r), r));
    },
    swap(version: string) {
      const run = swaps.then(() => doSwap(version));
      swaps = run.catch(() => undefined);
      return run;
    },
    async close() {
      closed = true;
      await swaps;
      await closeLive(live);
    },
  };
}
