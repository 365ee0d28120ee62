import { describe, expect, it } from 'vitest';
import { emptyNode, type AccountNode } from '../src/features/clusters/account-node.js';
import {
  addModelFirstSlots,
  modelFirstSlots,
  releasedAfter,
  releasedModels,
} from '../src/features/clusters/gateway-sync.js';
import { addCellCounts, countCells, creditOf, templateCredit } from '../src/features/clusters/template-sync.js';

const HOUR_SLOTS = 12;

/** An account that used `cells` (`<hour>:<h|e>:<hash>`), active in each cell's hour, with models first used at given slots. */
function account(id: string, cells: string[], models: Record<string, number> = {}): AccountNode {
  const node = emptyNode(id);
  for (const cell of cells) {
    node.timedTemplates.set(cell, 1);
    node.slots.set(Number(cell.split(':')[0]) * HOUR_SLOTS, 1);
  }
  node.n = cells.length;
  for (const [model, slot] of Object.entries(models)) node.modelFirst.set(model, slot);
  return node;
}

// Eight accounts of one dispatcher send template a1 in hour 3 (8 accounts where chance gives 1:
// full credit); sixty people use the popular template b2, each in an hour of its own between 24 and
// 47 (2–3 accounts per hour where chance gives about 2: no credit).
const campaign = Array.from({ length: 8 }, (_, i) => account(`c${i}`, ['3:h:a1', '3:e:a1']));
const people = Array.from({ length: 60 }, (_, i) =>
  account(`p${i}`, [`${24 + (i % 24)}:h:b2`, `${24 + (i % 24)}:e:z${i}`]),
);

describe('sync statistics from parts of the accounts', () => {
  it('credits the campaign cell, not the popular template, and the parts add up to the whole', () => {
    const all = [...campaign, ...people];
    const whole = templateCredit(all);
    expect([...whole.keys()].sort()).toEqual(['3:e:a1', '3:h:a1']);
    expect(whole.get('3:h:a1')).toBe(1);

    // Any split of the accounts into disjoint parts gives the same counts and credit.
    for (const parts of [
      [all.slice(0, 3), all.slice(3)],
      [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)],
      all.map((n) => [n]),
    ]) {
      const sum = { cells: new Map(), keys: new Map(), hours: new Map(), accounts: 0 };
      for (const part of parts) addCellCounts(sum, countCells(part));
      expect(sum).toEqual(countCells(all));
      expect(creditOf(sum)).toEqual(whole);
    }
  });

  it('takes each model first slot as the earliest over the parts', () => {
    const a = [account('a', [], { old: 0, fresh: 40 }), account('b', [], { fresh: 30 })];
    const b = [account('c', [], { old: 5, fresh: 20 })];
    const first = new Map<string, number>();
    for (const part of [a, b]) addModelFirstSlots(first, modelFirstSlots(part));
    expect(Object.fromEntries(first)).toEqual({ old: 0, fresh: 20 });
    // Released after the window's first slot (0) plus its 12-slot grace: only `fresh`.
    expect([...releasedAfter(first, 0)]).toEqual(['fresh']);
    expect(releasedAfter(first, 0)).toEqual(releasedModels([...a, ...b], 0));
  });
});
