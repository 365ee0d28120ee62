/**
 * Classification on worker threads, whole: each thread holds an encoder and the heads loaded on
 * it (scoring-thread.ts) and does every per-prompt step there, so the calling thread (a server's
 * event loop) only hands prompts out and collects verdicts.
 *
 * Invariants:
 * - A prompt's verdict is the one HeadClassifier gives on the calling thread: each thread runs
 *   the same HeadClassifier over its share of the prompts.
 * - A call's prompts are shared out by expected work (characters) to the least busy threads, and
 *   a prompt the pre-screen sent on goes to the thread that screened it, which kept its chunks
 *   and lexical features.
 * - Pre-screen calls made in one turn of the event loop reach each thread as one message.
 * - With a chunk cache of `cacheEntries`, each thread keeps its own share of the entries, so the
 *   pool's memory stays within the same bound.
 */
import { sumCacheStats, type EncoderCacheStats } from './cached-encoder.js';
import type { PromptClassification, PromptClassifier } from './prompt-classifier.js';
import { startEncoderThread, type WorkerSpec } from './threaded-encoder.js';
import { ThreadCalls } from '../util/thread-calls.js';
import { Lru } from '../util/lru.js';
import { indexOfMin } from '../util/index-of-min.js';

export interface ScoringThreadData {
  spec: WorkerSpec;
  /** Chunk vectors this thread's cache keeps (0: no cache). */
  cacheEntries: number;
}

export type ScoringRequest =
  | { id: number; op: 'load'; modelsDir: string; version: string }
  | { id?: number; op: 'release'; version: string }
  | { id: number; op: 'classify' | 'prescreen'; version: string; prompts: string[] }
  | { id: number; op: 'stats' };

/** A head version served by a pool. */
export interface PooledClassifier extends PromptClassifier {
  /** Frees the head on every thread (the encoder stays loaded). */
  release(): void;
}

/** Work a prompt is expected to cost, in characters (a constant for the per-prompt steps). */
const cost = (prompt: string) => 200 + prompt.length;
/** Prompts sent on by the pre-screen whose thread is remembered. */
const AFFINITY_KEPT = 1024;

type Verdicts = (PromptClassification | null)[];

/** Pre-screen calls waiting to go out together. */
interface Screening {
  version: string;
  prompts: readonly string[];
  resolve(v: Verdicts): void;
  reject(e: unknown): void;
}

export class ScoringPool {
  /** Characters of prompts each thread is working on. */
  private readonly busy: number[];
  private readonly affinity = new Lru<string, number>(AFFINITY_KEPT);
  private screening: Screening[] = [];

  private constructor(
    private readonly threads: readonly ThreadCalls[],
    /** The encoder's name (heads trained on another encoder are refused). */
    readonly encoderName: string,
  ) {
    this.busy = threads.map(() => 0);
  }

  /** Starts `count` threads loading the encoder `spec`; if one fails to start, the others are stopped. */
  static async start(spec: WorkerSpec, count: number, cacheEntries: number): Promise<ScoringPool> {
    const n = Math.max(1, Math.floor(count));
    const data: ScoringThreadData = { spec, cacheEntries: cacheEntries > 0 ? Math.ceil(cacheEntries / n) : 0 };
    const started = await Promise.allSettled(
      Array.from({ length: n }, () => startEncoderThread(spec, 'scoring-thread', data)),
    );
    const ready = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await Promise.all(ready.map((t) => t.worker.terminate()));
      throw failed.reason;
    }
    return new ScoringPool(
      ready.map((t) => new ThreadCalls(t.worker)),
      ready[0]!.ready.name,
    );
  }

  /** Loads a head version on every thread; its classifier hands prompts out to them. */
  async classifier(modelsDir: string, version: string): Promise<PooledClassifier> {
    const loaded = await Promise.all(
      this.threads.map((t) => t.call<{ prescreen: boolean }>({ op: 'load', modelsDir, version })),
    );
    return {
      version,
      classify: (prompts) => this.run('classify', version, prompts) as Promise<PromptClassification[]>,
      ...(loaded[0]?.prescreen ? { prescreen: (prompts: readonly string[]) => this.prescreen(version, prompts) } : {}),
      release: () => {
        for (const t of this.threads) t.post({ op: 'release', version } satisfies ScoringRequest);
      },
    };
  }

  /**
   * Pre-screen calls made in one turn of the event loop (each request makes one) go out together
   * on the next, so a thread gets one message for all of them.
   */
  private prescreen(version: string, prompts: readonly string[]): Promise<Verdicts> {
    if (this.screening.length === 0) setImmediate(() => this.flushScreening());
    return new Promise((resolve, reject) => this.screening.push({ version, prompts, resolve, reject }));
  }

  private flushScreening(): void {
    const calls = this.screening;
    this.screening = [];
    for (const version of new Set(calls.map((c) => c.version))) {
      const mine = calls.filter((c) => c.version === version);
      this.run(
        'prescreen',
        version,
        mine.flatMap((c) => c.prompts),
      ).then(
        (verdicts) => {
          let at = 0;
          for (const c of mine) c.resolve(verdicts.slice(at, (at += c.prompts.length)));
        },
        (err: unknown) => {
          for (const c of mine) c.reject(err);
        },
      );
    }
  }

  private async run(op: 'classify' | 'prescreen', version: string, prompts: readonly string[]): Promise<Verdicts> {
    const shares = this.threads.map(() => [] as number[]);
    const order = prompts
      .map((_, i) => i)
      .sort((a, b) => (prompts[b] as string).length - (prompts[a] as string).length);
    for (const i of order) {
      const prompt = prompts[i] as string;
      const kept = op === 'classify' ? this.affinity.peek(prompt) : undefined;
      const t = kept ?? indexOfMin(this.busy);
      shares[t]!.push(i);
      this.busy[t]! += cost(prompt);
    }
    const out: Verdicts = new Array<PromptClassification | null>(prompts.length).fill(null);
    await Promise.all(
      shares.map(async (share, t) => {
        if (share.length === 0) return;
        const texts = share.map((i) => prompts[i] as string);
        try {
          const { results } = await this.threads[t]!.call<{ results: Verdicts }>({ op, version, prompts: texts });
          share.forEach((i, k) => {
            const verdict = results[k] ?? null;
            out[i] = verdict;
            if (op === 'prescreen' && verdict === null) this.affinity.set(prompts[i] as string, t);
          });
        } finally {
          this.busy[t]! -= texts.reduce((a, p) => a + cost(p), 0);
        }
      }),
    );
    return out;
  }

  /** The threads' chunk caches summed, or null without a cache. */
  async stats(): Promise<EncoderCacheStats | null> {
    const each = await Promise.all(
      this.threads.map((t) => t.call<{ stats: EncoderCacheStats | null }>({ op: 'stats' })),
    );
    const caches = each.flatMap((r) => (r.stats ? [r.stats] : []));
    if (caches.length === 0) return null;
    return caches.reduce(sumCacheStats);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate('the scoring pool has been disposed')));
  }
}
