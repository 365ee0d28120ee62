/**
 * Turns analyst feedback into training examples:
 * - an account whose verdict in force is `confirmed_attacker` contributes its sampled prompts the
 *   model labelled as an attack, with that label;
 * - a `legitimate` account contributes its flagged (attack-labelled) samples as `benign` hard
 *   negatives;
 * - a `legit_eval` account (declared evaluation workload) contributes nothing: its prompts are
 *   judge and grading prompts, correctly labelled, from a legitimate account;
 * - a relabel contributes its prompt with the analyst's label (the latest relabel of a text wins,
 *   and a relabel wins over a verdict-derived example of the same text).
 * Samples are those kept when the verdict was given plus those kept now. Output is sorted by id.
 */
import { FEEDBACK_SOURCE, type FeedbackExample } from '../../contracts/feedback.js';
import type { PromptSample } from '../../contracts/verdicts.js';
import { ATTACK_LABELS, CLASSES } from '../../labels.js';
import { sha256 } from '../../models/weights-integrity.js';
import { detectLang } from '../../util/lang.js';
import { accountHash, requestHash } from '../aggregate/redis-keys.js';
import type { FeedbackStores } from '../verdicts/feedback-stores.js';

export interface FeedbackCounts {
  examples: number;
  byKind: { verdict: number; relabel: number };
  byLabel: Record<string, number>;
  hardNegatives: number;
  accounts: { confirmed_attacker: number; legitimate: number; legit_eval: number };
  relabels: number;
  /** Examples dropped because the same text was already exported (relabels win, then the first account). */
  duplicateTexts: number;
}

export async function collectFeedback(
  stores: FeedbackStores,
): Promise<{ examples: FeedbackExample[]; counts: FeedbackCounts }> {
  const byText = new Map<string, FeedbackExample>();
  let duplicateTexts = 0;
  const accounts = { confirmed_attacker: 0, legitimate: 0, legit_eval: 0 };

  // Relabels first, latest first: the first example of a text is the one kept.
  const relabels = await stores.relabels.all();
  for (const r of [...relabels].reverse()) {
    if (byText.has(r.prompt)) {
      duplicateTexts++;
      continue;
    }
    byText.set(r.prompt, {
      id: `feedback/relabel/${sha256(r.prompt).slice(0, 16)}`,
      text: r.prompt,
      label: r.label,
      source: FEEDBACK_SOURCE,
      family: `feedback:relabel:${sha256(r.prompt).slice(0, 16)}`,
      lang: detectLang(r.prompt),
      hardNegative: r.label === 'benign' && r.original_label !== 'benign',
      provenance: {
        source: FEEDBACK_SOURCE,
        kind: 'relabel',
        analyst: r.analyst,
        at: r.at,
        account_id: r.account_id,
        request_id: r.request_id,
        verdict: null,
        model_label: r.original_label,
        truncated: false,
        note: r.note,
      },
    });
  }

  for (const accountId of await stores.verdicts.accounts()) {
    const [latest] = await stores.verdicts.stored(accountId);
    if (latest === undefined) continue;
    accounts[latest.verdict]++;
    // A declared eval workload is legitimate as an account, but its judge prompts are what they are:
    // they are not benign examples for the prompt model.
    if (latest.verdict === 'legit_eval') continue;
    const current = await stores.samples.read(accountId);
    const seen = new Set<string>();
    const samples: PromptSample[] = [];
    for (const s of CLASSES.flatMap((l) => [...current[l], ...latest.samples[l]])) {
      if (seen.has(s.request_id)) continue;
      seen.add(s.request_id);
      samples.push(s);
    }
    const h = accountHash(accountId);
    for (const s of samples) {
      if (!(ATTACK_LABELS as readonly string[]).includes(s.label)) continue;
      if (byText.has(s.prompt)) {
        duplicateTexts++;
        continue;
      }
      const attacker = latest.verdict === 'confirmed_attacker';
      byText.set(s.prompt, {
        id: `feedback/verdict/${h.slice(0, 16)}/${requestHash(s.request_id).slice(0, 16)}`,
        text: s.prompt,
        label: attacker ? s.label : 'benign',
        source: FEEDBACK_SOURCE,
        family: `feedback:account:${h.slice(0, 16)}`,
        lang: detectLang(s.prompt),
        hardNegative: !attacker,
        provenance: {
          source: FEEDBACK_SOURCE,
          kind: 'verdict',
          analyst: latest.analyst,
          at: latest.at,
          account_id: accountId,
          request_id: s.request_id,
          verdict: latest.verdict,
          model_label: s.label,
          truncated: s.truncated,
          note: latest.note,
        },
      });
    }
  }

  const examples = [...byText.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byLabel: Record<string, number> = {};
  for (const e of examples) byLabel[e.label] = (byLabel[e.label] ?? 0) + 1;
  return {
    examples,
    counts: {
      examples: examples.length,
      byKind: {
        verdict: examples.filter((e) => e.provenance.kind === 'verdict').length,
        relabel: examples.filter((e) => e.provenance.kind === 'relabel').length,
      },
      byLabel,
      hardNegatives: examples.filter((e) => e.hardNegative).length,
      accounts,
      relabels: relabels.length,
      duplicateTexts,
    },
  };
}
