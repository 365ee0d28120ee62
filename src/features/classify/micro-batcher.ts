import { notReady } from '../../errors.js';
import type { PromptClassification, PromptClassifier } from '../../models/prompt-classifier.js';

export interface MicroBatcherOptions {
  /** Most prompts in one underlying call; larger calls are split into pieces of this size. */
  maxBatchSize: number;
  /** Longest time the oldest pending prompt waits for company before its batch is sent. */
  maxWaitMs: number;
  /** Underlying calls allowed to run at once. With 1 (default) the next batch accumulates while one runs. */
  maxConcurrent?: number;
  /** Monotonic clock in milliseconds. */
  now?: () => number;
}

/** A PromptClassifier that coalesces concurrent calls; `close()` flushes what is pending and waits for it. */
export interface MicroBatcher extends PromptClassifier {
  close(): Promise<void>;
}

interface Call {
  readonly prompts: readonly string[];
  readonly results: (PromptClassification | undefined)[];
  remaining: number;
  settled: boolean;
  resolve(results: PromptClassification[]): void;
  reject(err: unknown): void;
}

/** A contiguous run of one call's prompts waiting in the queue. */
interface Segment {
  call: Call;
  start: number;
  end: number;
  enqueuedAt: number;
}

/**
 * Batches are sent when a call slot is free and one of these holds: the pending prompts reach
 * `maxBatchSize`; they reach the gathering target; the gathering window has lasted `maxWaitMs`;
 * or the batcher is closing.
 *
 * A gathering window opens when the first prompt arrives at an idle batcher, or when a running
 * batch finishes while prompts are waiting (prompts that arrive while the classifier is busy
 * accumulate for the next batch; their wait for company starts when the classifier is free).
 * The target is the number of prompts expected to be back soon: the size of the batch that just
 * finished plus what is already waiting, capped at `maxBatchSize`. Under steady concurrent load
 * this keeps all callers in one batch instead of splitting them into groups that alternate.
 */
export function createMicroBatcher(classifier: PromptClassifier, options: MicroBatcherOptions): MicroBatcher {
  const maxBatchSize = Math.max(1, Math.floor(options.maxBatchSize));
  const maxWaitMs = Math.max(0, options.maxWaitMs);
  const maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent ?? 1));
  const now = options.now ?? (() => performance.now());

  const queue: Segment[] = [];
  let pending = 0;
  let inFlight = 0;
  let target = maxBatchSize;
  let windowStart: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let due = false;
  let closing = false;
  let drained: (() => void) | undefined;

  const dropSettledHead = (): void => {
    for (let seg = queue[0]; seg?.call.settled === true; seg = queue[0]) pending -= queue.shift()!.end - seg.start;
  };

  const cancelTimer = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };

  function openWindow(at: number, expected: number): void {
    cancelTimer();
    windowStart = at;
    target = Math.max(1, Math.min(maxBatchSize, expected));
    due = false;
  }

  function armTimer(): void {
    if (timer !== undefined || due || windowStart === undefined) return;
    const delay = Math.max(0, Math.ceil(windowStart + maxWaitMs - now()));
    timer = setTimeout(() => {
      timer = undefined;
      due = true;
      pump();
    }, delay);
  }

  const shouldFlush = (): boolean => closing || due || pending >= maxBatchSize || pending >= target;

  function takeBatch(): Segment[] {
    const batch: Segment[] = [];
    let size = 0;
    while (size < maxBatchSize && queue.length > 0) {
      const seg = queue[0]!;
      if (seg.call.settled) {
        queue.shift();
        pending -= seg.end - seg.start;
        continue;
      }
      const take = Math.min(seg.end - seg.start, maxBatchSize - size);
      batch.push({ ...seg, end: seg.start + take });
      size += take;
      pending -= take;
      if (seg.start + take === seg.end) queue.shift();
      else seg.start += take;
    }
    return batch;
  }

  function pump(): void {
    dropSettledHead();
    if (pending > 0 && windowStart === undefined && inFlight < maxConcurrent) openWindow(queue[0]!.enqueuedAt, target);
    while (inFlight < maxConcurrent && pending > 0 && shouldFlush()) {
      cancelTimer();
      windowStart = undefined;
      due = false;
      const batch = takeBatch();
      if (batch.length > 0) void run(batch);
      dropSettledHead();
      if (pending > 0 && inFlight < maxConcurrent) openWindow(now(), pending);
    }
    if (pending > 0 && inFlight < maxConcurrent) armTimer();
    else cancelTimer();
    if (inFlight === 0 && pending === 0 && drained !== undefined) drained();
  }

  /** A slot is free: gather what waits plus the callers of the batch that just finished. */
  function onBatchDone(size: number): void {
    inFlight -= 1;
    if (pending > 0) openWindow(now(), pending + size);
    else {
      windowStart = undefined;
      target = Math.min(maxBatchSize, size);
    }
    pump();
  }

  async function run(batch: Segment[]): Promise<void> {
    const prompts: string[] = [];
    for (const seg of batch) for (let i = seg.start; i < seg.end; i++) prompts.push(seg.call.prompts[i]!);
    inFlight += 1;
    try {
      const results = await classifier.classify(prompts);
      if (results.length !== prompts.length) {
        throw new Error(`classifier returned ${results.length} results for ${prompts.length} prompts`);
      }
      let offset = 0;
      for (const seg of batch) {
        const { call } = seg;
        for (let i = seg.start; i < seg.end; i++) call.results[i] = results[offset++];
        call.remaining -= seg.end - seg.start;
        if (!call.settled && call.remaining === 0) {
          call.settled = true;
          call.resolve(call.results as PromptClassification[]);
        }
      }
    } catch (err) {
      for (const seg of batch) {
        if (seg.call.settled) continue;
        seg.call.settled = true;
        seg.call.reject(err);
      }
    } finally {
      onBatchDone(prompts.length);
    }
  }

  return {
    get version() {
      return classifier.version;
    },
    classify(prompts) {
      if (closing) return Promise.reject(notReady('The classifier is shutting down.'));
      if (prompts.length === 0) return Promise.resolve([]);
      return new Promise<PromptClassification[]>((resolve, reject) => {
        const call: Call = {
          prompts: [...prompts],
          results: new Array<PromptClassification | undefined>(prompts.length),
          remaining: prompts.length,
          settled: false,
          resolve,
          reject,
        };
        queue.push({ call, start: 0, end: prompts.length, enqueuedAt: now() });
        pending += prompts.length;
        pump();
      });
    },
    close() {
      closing = true;
      return new Promise<void>((resolve) => {
        drained = resolve;
        pump();
      });
    },
  };
}
