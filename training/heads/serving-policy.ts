/**
 * The last two decisions of training, made on validation prompts scored as the service scores
 * them (whole prompt and fine windows, models/head-classifier.ts):
 *
 * 1. Window offsets (models/window-aggregation.ts) per label, from a small grid.
 * 2. Thresholds by policy: starting from the thresholds chosen for F1 under the hard-negative cap,
 *    a label's threshold is raised, one false positive at a time, while the real benign validation
 *    prompts (the bundle's validation sources, whole) of any language or length bucket with at
 *    least `minGroup` prompts are flagged above `targetFpr`, and significantly so when
 *    `significance` is set: the group's flagged count must be one that a true rate of `targetFpr`
 *    gives with probability below `significance` (one-sided binomial test). A small group then
 *    cannot raise a threshold on one or two prompts (in 127 prompts, 2 flagged is 1.6% but says
 *    nothing about 1% against 2%). Thresholds only go up, never above `maxThreshold`.
 *
 * The two are chosen together (`chooseServingPolicy`): a false positive raised by a fine window of
 * a long benign prompt can be cleared by a window offset (which costs only the attacks caught by a
 * window alone) or by the label's threshold (which costs every attack near it, short ones too).
 * Each candidate set of offsets is followed by the threshold policy, and the set kept is the one
 * with the best validation recall once the policy holds.
 *
 * Only the validation split takes part; the test split never does.
 */
import { ATTACK_LABELS, type AttackLabel } from '../../src/labels.js';
import { decideLabel } from '../../src/models/decide-label.js';
import { aggregateWindows, type WindowOffsets } from '../../src/models/window-aggregation.js';
import { lengthBucket } from '../eval/real-report.js';
import type { Example } from '../data/types.js';

export interface ServedRow {
  example: Example;
  /** Whether the row is a real benign prompt of a validation source of the real-prompt bundle. */
  realBenign: boolean;
  wholeProbs: number[];
  windowProbs: number[][];
  windowCount: number;
}

export const WINDOW_OFFSET_GRID: readonly number[] = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];

type Thresholds = Record<AttackLabel, number>;

function probsOf(r: ServedRow, offsets: WindowOffsets): number[] {
  return aggregateWindows(r.wholeProbs, r.windowProbs, r.windowCount, offsets).probs;
}

/** The groups the policy holds to its target: language and length bucket of real benign prompts. */
function groupsOf(r: ServedRow): string[] {
  return [`language ${r.example.lang}`, `length ${lengthBucket(r.example.text)}`];
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialTailAtLeast(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // P(X < k) summed from the pmf, computed in log space term by term.
  let logPmf = n * Math.log1p(-p);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += Math.exp(logPmf);
    logPmf += Math.log((n - i) / (i + 1)) + Math.log(p) - Math.log1p(-p);
  }
  return Math.max(0, 1 - below);
}

export interface PolicyOptions {
  targetFpr: number;
  minGroup: number;
  maxThreshold: number;
  /** Hold a group to the target only when its excess is significant at this level; absent: any excess. */
  significance?: number;
  /**
   * The most validation recall a set of window offsets may cost, at the thresholds it is followed
   * by, on the long attacks (fine windows scored) of any label and language with at least
   * `minGroup` of them; absent: no cap. This keeps instructions buried in long documents caught:
   * they are the attacks only a window finds.
   */
  maxWindowRecallLoss?: number;
}

export function policyThresholds(
  rows: readonly ServedRow[],
  start: Thresholds,
  offsets: WindowOffsets,
  opts: PolicyOptions,
): { thresholds: Thresholds; report: Record<string, unknown> } {
  const benign = rows.filter((r) => r.realBenign);
  const probs = benign.map((r) => probsOf(r, offsets));
  const size = new Map<string, number>();
  for (const r of benign) for (const g of groupsOf(r)) size.set(g, (size.get(g) ?? 0) + 1);
  const held = [...size.entries()].filter(([, n]) => n >= opts.minGroup).map(([g]) => g);
  const excessIsSignificant = (flagged: number, n: number) =>
    opts.significance === undefined || binomialTailAtLeast(flagged, n, opts.targetFpr) < opts.significance;
  const thresholds = { ...start };
  const raised: { label: string; from: number; to: number; group: string }[] = [];
  const groupFpr = () => {
    const flagged = new Map<string, number[]>();
    benign.forEach((r, i) => {
      if (decideLabel(probs[i] as number[], thresholds, '').label === 'benign') return;
      for (const g of groupsOf(r)) flagged.set(g, [...(flagged.get(g) ?? []), i]);
    });
    return held.map((g) => ({
      group: g,
      n: size.get(g) as number,
      rows: flagged.get(g) ?? [],
      fpr: (flagged.get(g) ?? []).length / (size.get(g) as number),
    }));
  };
  for (let step = 0; step < 500; step++) {
    const worst = groupFpr()
      .filter((g) => g.fpr > opts.targetFpr && excessIsSignificant(g.rows.length, g.n))
      .sort((a, b) => b.fpr - a.fpr)[0];
    if (!worst) break;
    // The label behind most of the group's false positives; its lowest such score is cleared.
    let pick: { label: AttackLabel; count: number; lowest: number } | null = null;
    ATTACK_LABELS.forEach((label, l) => {
      const scores = worst.rows
        .map((i) => (probs[i] as number[])[l] as number)
        .filter((p) => p >= thresholds[label] && p < opts.maxThreshold);
      if (scores.length > 0 && (pick === null || scores.length > pick.count))
        pick = { label, count: scores.length, lowest: Math.min(...scores) };
    });
    if (pick === null) break;
    const { label, lowest } = pick as { label: AttackLabel; count: number; lowest: number };
    const to = Math.min(opts.maxThreshold, Math.ceil((lowest + 1e-6) * 1000) / 1000);
    raised.push({ label, from: thresholds[label], to, group: worst.group });
    thresholds[label] = to;
  }
  const final = groupFpr().map(({ group, n, rows: r, fpr }) => ({ group, n, flagged: r.length, fpr }));
  const recall = (t: Thresholds) =>
    Object.fromEntries(
      ATTACK_LABELS.map((label) => {
        const pos = rows.filter((r) => r.example.label === label);
        const hit = pos.filter((r) => decideLabel(probsOf(r, offsets), t, '').label === label).length;
        return [label, pos.length === 0 ? null : hit / pos.length];
      }),
    );
  return {
    thresholds,
    report: {
      targetFpr: opts.targetFpr,
      significance: opts.significance ?? null,
      minGroup: opts.minGroup,
      realBenign: benign.length,
      groups: final,
      raised,
      validationRecall: { before: recall(start), after: recall(thresholds) },
    },
  };
}

export interface ServingPolicy {
  offsets: Record<AttackLabel, number>;
  thresholds: Thresholds;
  report: Record<string, unknown>;
}

/** Mean over attack labels of the validation recall (exact label) of every row scored as served. */
export function meanRecall(rows: readonly ServedRow[], offsets: WindowOffsets, thresholds: Thresholds): number {
  const recalls = ATTACK_LABELS.flatMap((label) => {
    const pos = rows.filter((r) => r.example.label === label);
    if (pos.length === 0) return [];
    return [pos.filter((r) => decideLabel(probsOf(r, offsets), thresholds, '').label === label).length / pos.length];
  });
  return recalls.length === 0 ? 0 : recalls.reduce((a, b) => a + b, 0) / recalls.length;
}

/** Long validation attacks by label and language: the rows a window offset can cost. */
function longAttackGroups(rows: readonly ServedRow[], minGroup: number): ServedRow[][] {
  const groups = new Map<string, ServedRow[]>();
  for (const r of rows) {
    if (r.example.label === 'benign' || r.windowProbs.length === 0) continue;
    const key = `${r.example.label}|${r.example.lang}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].filter((g) => g.length >= minGroup);
}

/** The largest recall `offsets` cost against the plain maximum, both at `thresholds`, over `groups`. */
export function windowRecallLoss(
  groups: readonly (readonly ServedRow[])[],
  offsets: WindowOffsets,
  thresholds: Thresholds,
): { loss: number; group: string | null } {
  let worst = { loss: 0, group: null as string | null };
  for (const g of groups) {
    const caught = (o: WindowOffsets) =>
      g.filter((r) => decideLabel(probsOf(r, o), thresholds, '').label === r.example.label).length;
    const loss = (caught({}) - caught(offsets)) / g.length;
    if (loss > worst.loss) worst = { loss, group: `${g[0]!.example.label} ${g[0]!.example.lang}` };
  }
  return worst;
}

/**
 * Window offsets and thresholds together: a coordinate search over the offset grid (first one
 * offset for every label, then each label's own in turn, one pass), each candidate followed by the
 * threshold policy. Kept: the best mean validation recall once the policy holds; ties go to the
 * smaller offsets (the plain maximum is the default). With `maxWindowRecallLoss`, a set of offsets
 * that costs more than that on the long attacks of any label and language is not admissible.
 */
export function chooseServingPolicy(rows: readonly ServedRow[], start: Thresholds, opts: PolicyOptions): ServingPolicy {
  const tried: {
    offsets: Record<AttackLabel, number>;
    recall: number;
    thresholds: Thresholds;
    report: Record<string, unknown>;
    windowRecallLoss: { loss: number; group: string | null };
    admissible: boolean;
  }[] = [];
  const long = longAttackGroups(rows, opts.minGroup);
  const evaluate = (offsets: Record<AttackLabel, number>) => {
    const { thresholds, report } = policyThresholds(rows, start, offsets, opts);
    const cost = windowRecallLoss(long, offsets, thresholds);
    const admissible = opts.maxWindowRecallLoss === undefined || cost.loss <= opts.maxWindowRecallLoss + 1e-12;
    const entry = {
      offsets,
      recall: meanRecall(rows, offsets, thresholds),
      thresholds,
      report,
      windowRecallLoss: cost,
      admissible,
    };
    tried.push(entry);
    return entry;
  };
  const uniform = (o: number) => Object.fromEntries(ATTACK_LABELS.map((l) => [l, o])) as Record<AttackLabel, number>;
  const better = (a: { recall: number; admissible: boolean }, b: { recall: number }) =>
    a.admissible && a.recall > b.recall + 1e-12;
  let best = evaluate(uniform(0));
  for (const o of WINDOW_OFFSET_GRID.slice(1)) {
    const c = evaluate(uniform(o));
    if (better(c, best)) best = c;
  }
  for (const label of ATTACK_LABELS) {
    for (const o of WINDOW_OFFSET_GRID) {
      if (o === best.offsets[label]) continue;
      const c = evaluate({ ...best.offsets, [label]: o });
      if (better(c, best)) best = c;
    }
  }
  const plain = tried[0]!;
  return {
    offsets: best.offsets,
    thresholds: best.thresholds,
    report: {
      offsets: best.offsets,
      meanValidationRecall: best.recall,
      plainMaximum: { offsets: plain.offsets, recall: plain.recall, thresholds: plain.thresholds },
      maxWindowRecallLoss: opts.maxWindowRecallLoss ?? null,
      longAttackGroups: long.map((g) => ({ group: `${g[0]!.example.label} ${g[0]!.example.lang}`, n: g.length })),
      windowRecallLoss: best.windowRecallLoss,
      candidates: tried.map((t) => ({
        offsets: t.offsets,
        recall: t.recall,
        windowRecallLoss: t.windowRecallLoss,
        admissible: t.admissible,
      })),
      thresholdPolicy: best.report,
    },
  };
}
