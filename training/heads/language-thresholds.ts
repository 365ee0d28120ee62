/**
 * Thresholds of their own for the languages the head learnt from written prompts alone (no real
 * user prompts in validation to hold them to). Their prompts score lower than an English or
 * Chinese prompt of the same meaning (few training prompts; for Japanese, Korean and Russian the
 * lexical path only: the sentence encoder's vocabulary has none of them), so the thresholds chosen
 * for English and Chinese real traffic miss most of their attacks while none of their benign
 * prompts comes near. With fewer than 100 benign validation prompts, a 1% cap allows none: the
 * thresholds then sit just above the highest benign score.
 *
 * One set is chosen for the languages together (each has too few validation prompts alone), on
 * validation prompts scored as the service scores them: per label, from the thresholds the other
 * languages are held to down to `floor`, the threshold with the best F1 of the exact label whose
 * benign false-positive rate over those languages stays within `maxBenignFpr`; ties keep the
 * higher threshold. Labels are revisited once, because lowering one label's threshold changes
 * which label wins where two pass. Thresholds only go down, never below `floor`. The test split
 * never takes part.
 */
import { ATTACK_LABELS, type AttackLabel } from '../../src/labels.js';
import { decideLabel } from '../../src/models/decide-label.js';
import { aggregateWindows, type WindowOffsets } from '../../src/models/window-aggregation.js';
import { detectLang, type LanguageCode } from '../../src/util/lang.js';
import type { ServedRow, Thresholds } from './serving-policy.js';

export interface LanguageThresholdOptions {
  /** The languages held to the set chosen here. */
  languages: readonly LanguageCode[];
  /** No threshold goes below this. */
  floor: number;
  /** Most benign prompts of those languages flagged, as a share. */
  maxBenignFpr: number;
  /** Fewest benign validation prompts of those languages for a choice to be made at all. */
  minBenign: number;
}

interface Figures {
  /** Attacks given their own label. */
  exactRecall: number;
  benignFpr: number;
  attacks: number;
  benign: number;
}

export interface LanguageThresholdChoice {
  /** Per language, its thresholds; empty when too few benign prompts were there to choose on. */
  thresholds: Partial<Record<LanguageCode, Thresholds>>;
  report: {
    languages: LanguageCode[];
    chosen: Thresholds | null;
    before: Record<string, Figures>;
    after: Record<string, Figures>;
    reason?: string;
  };
}

interface Scored {
  lang: LanguageCode;
  gold: AttackLabel | 'benign';
  probs: number[];
}

function figures(rows: readonly Scored[], t: Thresholds): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  const langs = [...new Set(rows.map((r) => r.lang))].sort();
  for (const lang of [...langs, 'all']) {
    const group = rows.filter((r) => lang === 'all' || r.lang === lang);
    const attacks = group.filter((r) => r.gold !== 'benign');
    const benign = group.filter((r) => r.gold === 'benign');
    const exact = attacks.filter((r) => decideLabel(r.probs, t, '').label === r.gold).length;
    const flagged = benign.filter((r) => decideLabel(r.probs, t, '').flagged).length;
    out[lang] = {
      exactRecall: attacks.length ? exact / attacks.length : 0,
      benignFpr: benign.length ? flagged / benign.length : 0,
      attacks: attacks.length,
      benign: benign.length,
    };
  }
  return out;
}

/**
 * The F1 of `label` (exact label) over `rows` at `t`, or null when more than `maxFp` benign rows
 * are flagged (with any label).
 */
function f1Within(rows: readonly Scored[], label: AttackLabel, t: Thresholds, maxFp: number): number | null {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let benignFp = 0;
  for (const r of rows) {
    const decided = decideLabel(r.probs, t, '').label;
    const hit = decided === label;
    if (r.gold === 'benign' && decided !== 'benign') benignFp++;
    if (hit && r.gold === label) tp++;
    else if (hit) fp++;
    else if (r.gold === label) fn++;
  }
  if (benignFp > maxFp) return null;
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * The trained languages that no real user prompt of validation is tagged with (the real-prompt
 * bundle tags its prompts; a detector's error on one prompt does not move a language).
 */
export function languagesWithoutRealUsers(
  rows: readonly ServedRow[],
  trained: readonly LanguageCode[],
): LanguageCode[] {
  const withRealUsers = new Set<string>(rows.filter((r) => r.realBenign).map((r) => r.example.lang));
  return trained.filter((l) => !withRealUsers.has(l));
}

export function chooseLanguageThresholds(
  rows: readonly ServedRow[],
  offsets: WindowOffsets,
  start: Thresholds,
  opts: LanguageThresholdOptions,
): LanguageThresholdChoice {
  const wanted = new Set(opts.languages);
  const scored: Scored[] = rows.flatMap((r) => {
    const lang = detectLang(r.example.text);
    if (!wanted.has(lang)) return [];
    const probs = aggregateWindows(r.wholeProbs, r.windowProbs, r.windowCount, offsets).probs;
    return [{ lang, gold: r.example.label, probs }];
  });
  const before = figures(scored, start);
  const benign = scored.filter((r) => r.gold === 'benign').length;
  const languages = [...opts.languages];
  if (languages.length === 0 || benign < opts.minBenign)
    return {
      thresholds: {},
      report: {
        languages,
        chosen: null,
        before,
        after: before,
        reason:
          languages.length === 0
            ? 'every trained language has real user prompts in validation'
            : `${benign} benign validation prompts in ${languages.join(', ')} (fewer than ${opts.minBenign})`,
      },
    };
  const maxFp = Math.floor(opts.maxBenignFpr * benign);
  const t: Thresholds = { ...start };
  for (let pass = 0; pass < 2; pass++) {
    for (const label of ATTACK_LABELS) {
      const high = Math.round(start[label] * 100);
      const low = Math.min(high, Math.round(opts.floor * 100));
      let best = { f1: -1, threshold: start[label] };
      for (let k = high; k >= low; k--) {
        const threshold = k === high ? start[label] : k / 100;
        const f1 = f1Within(scored, label, { ...t, [label]: threshold }, maxFp);
        if (f1 !== null && f1 > best.f1 + 1e-9) best = { f1, threshold };
      }
      t[label] = best.threshold;
    }
  }
  return {
    thresholds: Object.fromEntries(languages.map((l) => [l, { ...t }])),
    report: { languages, chosen: { ...t }, before, after: figures(scored, t) },
  };
}
