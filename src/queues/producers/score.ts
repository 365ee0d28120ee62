import type { Queue } from 'bullmq';

/** Coalesces recompute requests made in one event-loop turn into one `addBulk`. */
export function createScoreScheduler(queue: Queue, delayMs: number): (accountHash: string) => Promise<void> {
  let pending: { account: string; resolve(): void; reject(err: unknown): void }[] = [];
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    try {
      await queue.addBulk(
        batch.map((p) => ({
          name: 'score',
          data: { account: p.account },
          opts: { delay: delayMs, removeOnComplete: true, removeOnFail: 1000 },
        })),
      );
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  };
  return (account) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ account, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}
