/**
 * The same template used by several accounts in the same hour, far above chance: the mark of one
 * dispatcher behind accounts that share nothing else (per-account proxies, own cards). A cell is
 * one template skeleton half in one hour; its lift compares the accounts that used it then with
 * what the template's overall use and the hour's activity would give by chance. People pasting a
 * popular prompt at their own times, or a template everyone uses all day, give lift near 1.
 */
import type { AccountNode } from './account-node.js';

/** Lift at which a shared cell starts to count, and the lift at which it counts fully (log2 scale: 2 → 0, 8 → 1). */
const MIN_LOG_LIFT = 1;
const FULL_LOG_LIFT = 3;
/** Shared cells' credit needed for a tie of strength 1 − 1/e. */
const CREDIT_SCALE = 2;

export interface TemplateSync {
  /** Per account: its cells (`<hour>:<h|e>:<hash>`) that carry credit. */
  cells: Map<string, number>[];
}

/**
 * What template-sync credit is computed from: accounts per cell, per template key and per hour,
 * and the accounts counted. Sums over accounts, so the counts of disjoint sets of accounts add up
 * (`addCellCounts`) to the counts of their union.
 */
export interface CellCounts {
  cells: Map<string, number>;
  keys: Map<string, number>;
  hours: Map<number, number>;
  accounts: number;
}

export function countCells(nodes: readonly AccountNode[]): CellCounts {
  const counts: CellCounts = { cells: new Map(), keys: new Map(), hours: new Map(), accounts: nodes.length };
  for (const node of nodes) {
    const keys = new Set<string>();
    const hours = new Set<number>();
    for (const cell of node.timedTemplates.keys()) {
      bump(counts.cells, cell, 1);
      keys.add(cell.slice(cell.indexOf(':') + 1));
    }
    for (const slot of node.slots.keys()) hours.add(Math.floor(slot / 12));
    for (const k of keys) bump(counts.keys, k, 1);
    for (const h of hours) bump(counts.hours, h, 1);
  }
  return counts;
}

function bump<K>(m: Map<K, number>, k: K, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

/** Adds `from` into `into`. */
export function addCellCounts(into: CellCounts, from: CellCounts): void {
  for (const [k, n] of from.cells) bump(into.cells, k, n);
  for (const [k, n] of from.keys) bump(into.keys, k, n);
  for (const [k, n] of from.hours) bump(into.hours, k, n);
  into.accounts += from.accounts;
}

/** The credited cells (cell → credit in (0, 1]) of counts taken over every account of the window. */
export function creditOf(counts: CellCounts): Map<string, number> {
  const population = Math.max(1, counts.accounts);
  const credit = new Map<string, number>();
  for (const [cell, accounts] of counts.cells) {
    if (accounts < 2) continue;
    const at = cell.indexOf(':');
    const hour = Number(cell.slice(0, at));
    const expected = ((counts.keys.get(cell.slice(at + 1)) ?? 0) * (counts.hours.get(hour) ?? 0)) / population;
    const logLift = Math.log2(accounts / Math.max(1, expected));
    const c = Math.max(0, Math.min(1, (logLift - MIN_LOG_LIFT) / (FULL_LOG_LIFT - MIN_LOG_LIFT)));
    if (c > 0) credit.set(cell, c);
  }
  return credit;
}

/** The window's credited cells (cell → credit in (0, 1]): a statistic of every account in the window. */
export const templateCredit = (nodes: readonly AccountNode[]): Map<string, number> => creditOf(countCells(nodes));

/** Per account, its credited cells; `credit` is the whole window's (a part of the accounts is prepared with it). */
export function prepareTemplateSync(
  nodes: readonly AccountNode[],
  credit: ReadonlyMap<string, number> = templateCredit(nodes),
): TemplateSync {
  return {
    cells: nodes.map((node) => {
      const out = new Map<string, number>();
      for (const cell of node.timedTemplates.keys()) {
        const c = credit.get(cell);
        if (c !== undefined) out.set(cell, c);
      }
      return out;
    }),
  };
}

/** Blocking keys of one account: its credited cells. */
export const templateSyncKeys = (s: TemplateSync, i: number): string[] => [...s.cells[i]!.keys()];

/** In [0, 1]: how strongly two accounts used the same templates in the same hours beyond chance. */
export function templateSync(s: TemplateSync, i: number, j: number): number {
  const a = s.cells[i]!;
  const b = s.cells[j]!;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let credit = 0;
  for (const [cell, c] of small) if (large.has(cell)) credit += c;
  return 1 - Math.exp(-credit / CREDIT_SCALE);
}
