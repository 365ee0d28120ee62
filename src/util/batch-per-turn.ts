/**
 * Coalesces concurrent single-item calls into one batch call per event-loop turn, so many
 * concurrent jobs pay one round trip instead of one each.
 */

interface Pending<I, O> {
  item: I;
  resolve(result: O): void;
  reject(err: unknown): void;
}

/**
 * Returns a single-item function: items queued during one event-loop turn go to `run` together,
 * in parts of at most `maxBatch`. A failed part rejects its own items only. `run` returns one
 * result per item in order, or nothing when the callers need no result.
 */
export function batchPerTurn<I, O = void>(
  run: (items: I[]) => Promise<readonly O[] | void>,
  maxBatch = Infinity,
): (item: I) => Promise<O> {
  let pending: Pending<I, O>[] = [];
  let scheduled = false;

  const flush = async (): Promise<void> => {
    scheduled = false;
    const batch = pending;
    pending = [];
    for (let i = 0; i < batch.length; i += maxBatch) {
      const part = batch.slice(i, i + maxBatch);
      try {
        const results = await run(part.map((p) => p.item));
        part.forEach((p, k) => p.resolve(results?.[k] as O));
      } catch (err) {
        for (const p of part) p.reject(err);
      }
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}
