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
 *    With `byLength`, each length bucket (models/length-bucket.ts) has thresholds of its own and a
 *    raise clears the false positive in its own bucket only: long documents, code and problem
 *    statements that read like graders no longer cost the short judge prompts their threshold.
 *
 * The two are chosen together (`chooseServingPolicy`): a false positive raised by a fine window of
 * a long benign prompt can be cleared by a window offset (which costs only the attacks caught by a
 * window alone) or by the label's threshold (which costs every attack near it in its bucket).
 * Each candidate set of offsets is followed by the threshold policy, and the set kept is the one
 * with the best validation recall once the policy holds, among those that keep the attacks only a
 * window finds (instructions buried in long documents) caught: `maxWindowRecallLoss`.
 *
 * Only the validation split takes part; the test split never does.
 */
import { ATTACK_LABELS, type AttackLabel } from '../../src/labels.js';
import { decideLabel } from '../../src/models/decide-label.js';
import { LENGTH_BUCKETS, lengthBucket, type LengthBucket } from '../../src/models/length-bucket.js';
import { aggregateWindows, type WindowOffsets } from '../../src/models/window-aggregation.js';
import type { Example } from '../data/types.js';

export interface ServedRow {
  example: Example;
  /**
   * Whether the row is a real benign user prompt of a validation source of the real-prompt bundle
   * (its `prompts.jsonl`; the benign fillings of its templates, pipeline steps of evaluation
   * frameworks, are hard negatives, held to the hard-negative cap instead).
   */
  realBenign: boolean;
  wholeProbs: number[];
  windowProbs: number[][];
  windowCount: number;
}

export const WINDOW_OFFSET_GRID: readonly number[] = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];
/** Fewest window-only attacks of one label and language for `maxWindowRecallLoss` to hold them. */
export const MIN_WINDOW_GROUP = 10;

export type Thresholds = Record<AttackLabel, number>;
/** Thresholds per length bucket of the prompt. */
export type BucketThresholds = Record<LengthBucket, Thresholds>;

const buckets = new WeakMap<ServedRow, LengthBucket>();
function bucketOf(r: ServedRow): LengthBucket {
  let b = buckets.get(r);
  if (b === undefined) {
    b = lengthBucket(r.example.text);
    buckets.set(r, b);
  }
  return b;
}

function probsOf(r: ServedRow, offsets: WindowOffsets): number[] {
  return aggregateWindows(r.wholeProbs, r.windowProbs, r.windowCount, offsets).probs;
}

function labelOf(r: ServedRow, offsets: WindowOffsets, t: BucketThresholds): string {
  return decideLabel(probsOf(r, offsets), t[bucketOf(r)], '').label;
}

/** The same thresholds for every length bucket. */
export function everyBucket(t: Thresholds): BucketThresholds {
  return Object.fromEntries(LENGTH_BUCKETS.map((b) => [b, { ...t }])) as BucketThresholds;
}

/** Per label, the lowest threshold of any bucket. */
export function lowestThresholds(t: BucketThresholds): Thresholds {
  return Object.fromEntries(
    ATTACK_LABELS.map((l) => [l, Math.min(...LENGTH_BUCKETS.map((b) => t[b][l]))]),
  ) as Thresholds;
}

/** The groups the policy holds to its target: language and length bucket of real benign prompts. */
function groupsOf(r: ServedRow): string[] {
  return [`language ${r.example.lang}`, `length ${bucketOf(r)}`];
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
  /** Thresholds per length bucket: a raise applies to the bucket of the prompt it clears only. */
  byLength?: boolean;
  /**
   * The most validation recall a set of window offsets, with the thresholds it is followed by, may
   * cost against the plain maximum with its own thresholds, on the attacks only a window finds
   * (caught under the plain maximum, missed on the whole prompt alone) of any label and language
   * with at least MIN_WINDOW_GROUP of them; absent: no cap. This keeps instructions buried in long
   * documents caught.
   */
  maxWindowRecallLoss?: number;
}

export function policyThresholds(
  rows: readonly ServedRow[],
  start: Thresholds,
  offsets: WindowOffsets,
  opts: PolicyOptions,
): { thresholds: BucketThresholds; report: Record<string, unknown> } {
  const benign = rows.filter((r) => r.realBenign);
  const probs = benign.map((r) => probsOf(r, offsets));
  const size = new Map<string, number>();
  for (const r of benign) for (const g of groupsOf(r)) size.set(g, (size.get(g) ?? 0) + 1);
  const held = [...size.entries()].filter(([, n]) => n >= opts.minGroup).map(([g]) => g);
  const excessIsSignificant = (flagged: number, n: number) =>
    opts.significance === undefined || binomialTailAtLeast(flagged, n, opts.targetFpr) < opts.significance;
  const thresholds = everyBucket(start);
  const raised: { label: string; bucket: LengthBucket | 'all'; from: number; to: number; group: string }[] = [];
  const groupFpr = () => {
    const flagged = new Map<string, number[]>();
    benign.forEach((r, i) => {
      if (decideLabel(probs[i] as number[], thresholds[bucketOf(r)], '').label === 'benign') return;
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
    let pick: { label: AttackLabel; rows: number[] } | null = null;
    ATTACK_LABELS.forEach((label, l) => {
      const flaggedBy = worst.rows.filter((i) => {
        const p = (probs[i] as number[])[l] as number;
        return p >= thresholds[bucketOf(benign[i] as ServedRow)][label] && p < opts.maxThreshold;
      });
      if (flaggedBy.length > 0 && (pick === null || flaggedBy.length > pick.rows.length))
        pick = { label, rows: flaggedBy };
    });
    if (pick === null) break;
    const { label, rows: flaggedBy } = pick as { label: AttackLabel; rows: number[] };
    const l = ATTACK_LABELS.indexOf(label);
    const score = (i: number) => (probs[i] as number[])[l] as number;
    const lowest = flaggedBy.reduce((a, i) => (score(i) < score(a) ? i : a), flaggedBy[0] as number);
    const to = Math.min(opts.maxThreshold, Math.ceil((score(lowest) + 1e-6) * 1000) / 1000);
    const bucket = bucketOf(benign[lowest] as ServedRow);
    raised.push({
      label,
      bucket: opts.byLength ? bucket : 'all',
      from: thresholds[bucket][label],
      to,
      group: worst.group,
    });
    for (const b of opts.byLength ? [bucket] : LENGTH_BUCKETS) thresholds[b][label] = to;
  }
  const final = groupFpr().map(({ group, n, rows: r, fpr }) => ({ group, n, flagged: r.length, fpr }));
  const recall = (t: BucketThresholds) =>
    Object.fromEntries(
      ATTACK_LABELS.map((label) => {
        const pos = rows.filter((r) => r.example.label === label);
        const hit = pos.filter((r) => labelOf(r, offsets, t) === label).length;
        return [label, pos.length === 0 ? null : hit / pos.length];
      }),
    );
  return {
    thresholds,
    report: {
      targetFpr: opts.targetFpr,
      significance: opts.significance ?? null,
      byLength: opts.byLength ?? false,
      minGroup: opts.minGroup,
      realBenign: benign.length,
      groups: final,
      raised,
      validationRecall: { before: recall(everyBucket(start)), after: recall(thresholds) },
    },
  };
}

export interface ServingPolicy {
  offsets: Record<AttackLabel, number>;
  thresholds: BucketThresholds;
  report: Record<string, unknown>;
}

/** Mean over attack labels of the validation recall (exact label) of every row scored as served. */
export function meanRecall(rows: readonly ServedRow[], offsets: WindowOffsets, thresholds: BucketThresholds): number {
  const recalls = ATTACK_LABELS.flatMap((label) => {
    const pos = rows.filter((r) => r.example.label === label);
    if (pos.length === 0) return [];
    return [pos.filter((r) => labelOf(r, offsets, thresholds) === label).length / pos.length];
  });
  return recalls.length === 0 ? 0 : recalls.reduce((a, b) => a + b, 0) / recalls.length;
}

/**
 * The attacks only a window finds under the plain maximum with `plain` thresholds (caught as
 * served, missed on the whole prompt alone), by label and language, groups of MIN_WINDOW_GROUP
 * or more.
 */
export function windowOnlyAttacks(rows: readonly ServedRow[], plain: BucketThresholds): ServedRow[][] {
  const groups = new Map<string, ServedRow[]>();
  for (const r of rows) {
    const label = r.example.label;
    if (label === 'benign' || r.windowProbs.length === 0) continue;
    const t = plain[bucketOf(r)];
    if (decideLabel(r.wholeProbs, t, '').label === label || labelOf(r, {}, plain) !== label) continue;
    const key = `${label}|${r.example.lang}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].filter((g) => g.length >= MIN_WINDOW_GROUP);
}

/** The largest share of any group (windowOnlyAttacks) that `offsets` with `thresholds` no longer catch. */
export function windowRecallLoss(
  groups: readonly (readonly ServedRow[])[],
  offsets: WindowOffsets,
  thresholds: BucketThresholds,
): { loss: number; group: string | null } {
  let worst = { loss: 0, group: null as string | null };
  for (const g of groups) {
    const lost = g.filter((r) => labelOf(r, offsets, thresholds) !== r.example.label).length / g.length;
    if (lost > worst.loss) worst = { loss: lost, group: `${g[0]!.example.label} ${g[0]!.example.lang}` };
  }
  return worst;
}

/**
 * Window offsets and thresholds together: a coordinate search over the offset grid (first one
 * offset for every label, then each label's own in turn, one pass), each candidate followed by the
 * threshold policy. Kept: the best mean validation recall once the policy holds; ties go to the
 * smaller offsets (the plain maximum is the default). With `maxWindowRecallLoss`, a set of offsets
 * that loses more than that of the window-only attacks of any label and language is not admissible.
 */
export function chooseServingPolicy(rows: readonly ServedRow[], start: Thresholds, opts: PolicyOptions): ServingPolicy {
  type Tried = {
    offsets: Record<AttackLabel, number>;
    recall: number;
    thresholds: BucketThresholds;
    report: Record<string, unknown>;
    windowRecallLoss: { loss: number; group: string | null };
    admissible: boolean;
  };
  const tried: Tried[] = [];
  const uniform = (o: number) => Object.fromEntries(ATTACK_LABELS.map((l) => [l, o])) as Record<AttackLabel, number>;
  // Set by the first candidate, the plain maximum: the attacks only its windows find.
  let windowOnly: ServedRow[][] | undefined;
  const evaluate = (offsets: Record<AttackLabel, number>): Tried => {
    const { thresholds, report } = policyThresholds(rows, start, offsets, opts);
    windowOnly ??= windowOnlyAttacks(rows, thresholds);
    const cost = windowRecallLoss(windowOnly, offsets, thresholds);
    const entry = {
      offsets,
      recall: meanRecall(rows, offsets, thresholds),
      thresholds,
      report,
      windowRecallLoss: cost,
      admissible: opts.maxWindowRecallLoss === undefined || cost.loss <= opts.maxWindowRecallLoss + 1e-12,
    };
    tried.push(entry);
    return entry;
  };
  const better = (a: Tried, b: Tried) => a.admissible && a.recall > b.recall + 1e-12;
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
      windowOnlyAttacks: (windowOnly ?? []).map((g) => ({
        group: `${g[0]!.example.label} ${g[0]!.example.lang}`,
        n: g.length,
      })),
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
