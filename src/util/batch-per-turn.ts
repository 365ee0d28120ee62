/**
 * Coalesces concurrent calls into one batch call per event-loop turn, so many concurrent jobs pay
 * one round trip instead of one each.
 */

interface Pending<I, O> {
  item: I;
  resolve(result: O): void;
  reject(err: unknown): void;
}

/**
 * Returns a single-item function: items queued during one event-loop turn go to `run` together,
 * in parts of at most `maxBatch` (counted by `weight`, 1 per item by default; an item heavier than
 * `maxBatch` is a part of its own). A failed part rejects its own items only. `run` returns one
 * result per item in order, or nothing when the callers need no result.
 */
export function batchPerTurn<I, O = void>(
  run: (items: I[]) => Promise<readonly O[] | void>,
  maxBatch = Infinity,
  weight: (item: I) => number = () => 1,
): (item: I) => Promise<O> {
  let pending: Pending<I, O>[] = [];
  let scheduled = false;

  const runPart = async (part: Pending<I, O>[]) => {
    try {
      const results = await run(part.map((p) => p.item));
      part.forEach((p, k) => p.resolve(results?.[k] as O));
    } catch (err) {
      for (const p of part) p.reject(err);
    }
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    const batch = pending;
    pending = [];
    let part: Pending<I, O>[] = [];
    let load = 0;
    for (const p of batch) {
      const w = weight(p.item);
      if (part.length > 0 && load + w > maxBatch) {
        await runPart(part);
        part = [];
        load = 0;
      }
      part.push(p);
      load += w;
    }
    if (part.length > 0) await runPart(part);
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

/**
 * Like `batchPerTurn` for calls that each pass several items: the items of one turn's calls go to
 * `run` together (at most about `maxItems` per run, a call's items never split), and each call
 * gets the results of its own items.
 */
export function batchManyPerTurn<I, O = void>(
  run: (items: I[]) => Promise<readonly O[] | void>,
  maxItems = Infinity,
): (items: readonly I[]) => Promise<O[]> {
  const perTurn = batchPerTurn<readonly I[], O[]>(
    async (calls) => {
      const results = await run(calls.flat());
      let next = 0;
      return calls.map((c) => {
        const own = Array.from({ length: c.length }, (_, k) => results?.[next + k] as O);
        next += c.length;
        return own;
      });
    },
    maxItems,
    (c) => c.length,
  );
  return (items) => (items.length === 0 ? Promise.resolve([]) : perTurn(items));
}
