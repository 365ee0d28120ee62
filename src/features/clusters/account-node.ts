/**
 * One account as the cluster pass sees it: counters over the analysis window (identifier values,
 * template keys, 5-minute activity slots, prompt labels) plus its own risk (the account model's
 * likelihood from its own traffic, before any cluster term).
 */
import type { AttackLabel } from '../../labels.js';
import { emptyLabelCounts } from '../aggregate/summary.js';
import {
  ID_CODES,
  SLOT_MS,
  createValueHasher,
  gatewayCounters,
  identifiers,
  templateKeysOf,
  timedSkeletonKeys,
  type GraphEvent,
} from './graph-fields.js';

export type LabelCounts = Record<AttackLabel | 'benign', number>;

export interface AccountNode {
  id: string;
  n: number;
  labels: LabelCounts;
  /** `<kind code>:<value hash>` → requests. */
  ids: Map<string, number>;
  /** `<band>:<bits>` → requests. */
  templates: Map<string, number>;
  /** 5-minute slot → requests. */
  slots: Map<number, number>;
  /** `<hour>:<h|e>:<hash>` → requests: template skeleton halves by the hour they were used. */
  timedTemplates: Map<string, number>;
  /** Own likelihood in [0, 1]. */
  risk: number;
  /** The account's creation time as a 5-minute slot (the earliest stated), null when never stated. */
  created: number | null;
  /** First 5-minute slot each named model was used in. */
  modelFirst: Map<string, number>;
  /** Requests per stated sign-up path. */
  signup: Map<string, number>;
}

export function emptyNode(id: string): AccountNode {
  return {
    id,
    n: 0,
    labels: emptyLabelCounts(),
    ids: new Map(),
    templates: new Map(),
    slots: new Map(),
    timedTemplates: new Map(),
    risk: 0,
    created: null,
    modelFirst: new Map(),
    signup: new Map(),
  };
}

const bump = <K>(m: Map<K, number>, k: K, c: number) => m.set(k, (m.get(k) ?? 0) + c);

/** Adds `count` to one counter field (graph-fields.ts encoding); unknown fields are ignored. */
export function addField(node: AccountNode, field: string, count: number): void {
  switch (field.charCodeAt(0)) {
    case 110: // n
      if (field === 'n') node.n += count;
      return;
    case 108: {
      // l:<label>
      const label = field.slice(2) as keyof LabelCounts;
      if (label in node.labels) node.labels[label] += count;
      return;
    }
    case 105: // i:<code>:<hash>
      bump(node.ids, field.slice(2), count);
      return;
    case 116: // t:<band>:<bits>
      bump(node.templates, field.slice(2), count);
      return;
    case 115: {
      // s:<slot>
      const slot = Number(field.slice(2));
      if (Number.isInteger(slot)) bump(node.slots, slot, count);
      return;
    }
    case 113: // q:<hour>:<h|e>:<hash>
      bump(node.timedTemplates, field.slice(2), count);
      return;
    case 97: {
      // a:<slot>
      const slot = Number(field.slice(2));
      if (Number.isInteger(slot) && (node.created === null || slot < node.created)) node.created = slot;
      return;
    }
    case 109: {
      // m:<slot>:<model>
      const at = field.indexOf(':', 2);
      const slot = Number(field.slice(2, at));
      if (at < 0 || !Number.isInteger(slot)) return;
      const model = field.slice(at + 1);
      const first = node.modelFirst.get(model);
      if (first === undefined || slot < first) node.modelFirst.set(model, slot);
      return;
    }
    case 117: // u:<path>
      bump(node.signup, field.slice(2), count);
      return;
    default:
      return;
  }
}

/** Share of an account's requests that carry an extraction or censorship label (grading counts a third: legitimate LLM-as-judge is common). */
export function attackShare(labels: LabelCounts, n: number): number {
  if (n === 0) return 0;
  return Math.min(1, (labels.reasoning_trace_extraction + labels.censorship_rewrite + labels.rubric_grading / 3) / n);
}

/** How normal an account's own traffic looks, in [0, 1]: 1 for broad benign use, 0 from 40% attack-labelled requests up. */
export function normality(node: AccountNode): number {
  return Math.max(0, 1 - 2.5 * attackShare(node.labels, node.n));
}

/** In-memory node building from events (the offline and benchmark path); the same counters as the Redis recorder's fields. */
export function createNodeBuilder(opts: { from?: number; to?: number } = {}) {
  const nodes = new Map<string, AccountNode>();
  const values = new Map<string, string>();
  const hash = createValueHasher();
  /** Raw value → `<kind code>:<hash>` per kind, so repeated values cost one lookup. */
  const idKeys = new Map<string, Map<string, string>>();
  const from = opts.from ?? Number.NEGATIVE_INFINITY;
  const to = opts.to ?? Number.POSITIVE_INFINITY;
  return {
    add(e: GraphEvent): void {
      if (e.ts < from || e.ts >= to) return;
      let node = nodes.get(e.account_id);
      if (node === undefined) nodes.set(e.account_id, (node = emptyNode(e.account_id)));
      node.n += 1;
      node.labels[e.label] += 1;
      bump(node.slots, Math.floor(e.ts / SLOT_MS), 1);
      for (const key of templateKeysOf(e.signature, e.skeleton)) bump(node.templates, key, 1);
      for (const key of timedSkeletonKeys(e.ts, e.skeleton)) bump(node.timedTemplates, key, 1);
      for (const field of gatewayCounters(e)) addField(node, field, 1);
      for (const [kind, raw] of identifiers(e)) {
        let perKind = idKeys.get(kind);
        if (perKind === undefined) idKeys.set(kind, (perKind = new Map()));
        let key = perKind.get(raw);
        if (key === undefined) {
          const h = hash(raw);
          key = `${ID_CODES[kind]}:${h}`;
          perKind.set(raw, key);
          if (!values.has(h)) values.set(h, raw);
        }
        bump(node.ids, key, 1);
      }
    },
    nodes: () => [...nodes.values()],
    values: () => values,
  };
}
