import { describe, expect, it } from 'vitest';
import { batchManyPerTurn, batchPerTurn } from '../src/util/batch-per-turn.js';

describe('batchPerTurn', () => {
  it('runs the items of one turn together, in parts of at most maxBatch by weight', async () => {
    const runs: number[][] = [];
    const one = batchPerTurn(
      async (items: number[]) => {
        runs.push(items);
        return items.map((x) => x * 10);
      },
      5,
      (x) => x,
    );
    const results = await Promise.all([one(2), one(3), one(4), one(9), one(1)]);
    expect(results).toEqual([20, 30, 40, 90, 10]);
    // 2+3 = 5 fits; 4 starts a part; 9 is heavier than the bound, alone; 1 starts the last.
    expect(runs).toEqual([[2, 3], [4], [9], [1]]);
  });

  it('a failed part rejects its own items only', async () => {
    const one = batchPerTurn(async (items: number[]) => {
      if (items.includes(2)) throw new Error('part with 2');
      return items;
    }, 1);
    const settled = await Promise.allSettled([one(1), one(2), one(3)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('batchManyPerTurn', () => {
  it("gives each call its own items' results, from one run per turn", async () => {
    const runs: string[][] = [];
    const many = batchManyPerTurn(async (items: string[]) => {
      runs.push(items);
      return items.map((s) => s.toUpperCase());
    });
    const [a, b, c] = await Promise.all([many(['x', 'y']), many([]), many(['z'])]);
    expect(a).toEqual(['X', 'Y']);
    expect(b).toEqual([]);
    expect(c).toEqual(['Z']);
    expect(runs).toEqual([['x', 'y', 'z']]);
  });

  it('never splits one call across runs, and bounds a run by items', async () => {
    const runs: number[] = [];
    const many = batchManyPerTurn(async (items: number[]) => {
      runs.push(items.length);
      return items;
    }, 4);
    const out = await Promise.all([many([1, 2, 3]), many([4, 5]), many([6, 7, 8, 9, 10])]);
    expect(out).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7, 8, 9, 10],
    ]);
    expect(runs).toEqual([3, 2, 5]);
  });
});
