/**
 * The map step of a re-scoring run: one part of history lines → the aggregation fields of its
 * events, its malformed lines (with line numbers) and counters. Pure apart from labelling.
 */
import type { PromptClass } from '../../labels.js';
import { z } from 'zod';
import { EventLabels, createGatewayEventSchema } from '../../contracts/events.js';
import { isAutomationUserAgent, promptSignals, type PromptSignals } from '../aggregate/prompt-signals.js';
import { requestHash } from '../aggregate/redis-keys.js';
import { gatewayFields } from '../aggregate/event-job.js';
import { summaryGateway } from '../aggregate/offline.js';
import { emptyStats, type PartEvent, type PartResult, type LineError } from './part-result.js';
import type { InputPart } from './input.js';
import { Lru } from '../../util/lru.js';
import type { PromptLabeler } from '../classify/prompt-labeler.js';

export interface PartScorerOptions {
  labeler: PromptLabeler;
  maxPromptChars: number;
  /** Use the `labels` a line carries (default); false: classify every prompt with the model. */
  lineLabels?: boolean;
  /** Malformed lines listed per part (all are counted). */
  maxErrors?: number;
  /** Prompt signals kept for repeated prompts (they depend on the text only). */
  signalCacheSize?: number;
  /** Furthest a line's time may lie from the median time of its part (default 30 days). */
  maxSpreadMs?: number;
}

/**
 * A history has no server clock to check event times against, so they are bounded by the
 * history's own range: a line whose time lies more than `maxSpreadMs` from the median time of
 * its part (the lines around it) is malformed. One line dated 1970 or 9999 can then neither
 * move the time accounts are scored at nor push every other event out of the scoring windows.
 */
export const HISTORY_SPREAD_MS = 30 * 86_400_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Prompts longer than this are not kept in the signal cache (they are rarely repeated). */
const SIGNAL_CACHE_MAX_CHARS = 2000;

export function createPartScorer(
  opts: PartScorerOptions,
): (part: Pick<InputPart, 'index' | 'firstLine' | 'lines' | 'bytes'>) => Promise<PartResult> {
  const schema = createGatewayEventSchema({ maxPromptChars: opts.maxPromptChars }).extend({
    labels: EventLabels.optional(),
  });
  const signalCache = new Lru<string, PromptSignals>(opts.signalCacheSize ?? 50_000);
  const maxErrors = opts.maxErrors ?? 20;
  const lineLabels = opts.lineLabels ?? true;
  const maxSpreadMs = opts.maxSpreadMs ?? HISTORY_SPREAD_MS;

  const signalsOf = (prompt: string): PromptSignals => {
    const cached = signalCache.get(prompt);
    if (cached !== undefined) return cached;
    const s = promptSignals(prompt);
    if (prompt.length <= SIGNAL_CACHE_MAX_CHARS) signalCache.set(prompt, s);
    return s;
  };

  return async (part) => {
    const stats = emptyStats();
    const failures: LineError[] = [];
    const rows: { line: number; event: z.infer<typeof schema>; ts: number }[] = [];
    const fail = (line: number, reason: string) => {
      stats.malformed += 1;
      failures.push({ line, reason });
    };
    part.lines.forEach((raw, k) => {
      const line = part.firstLine + k;
      stats.lines += 1;
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        // The parser's message quotes the line: never echo input content into job errors or logs.
        fail(line, 'not valid JSON');
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        fail(line, 'not a JSON object');
        return;
      }
      const result = schema.safeParse(value);
      if (!result.success) {
        fail(
          line,
          result.error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; '),
        );
        return;
      }
      const ts = Date.parse(result.data.timestamp);
      if (!Number.isFinite(ts) || ts < 0) {
        fail(line, 'timestamp: out of range');
        return;
      }
      rows.push({ line, event: result.data, ts });
    });
    const middle = rows.length > 0 ? median(rows.map((r) => r.ts)) : 0;
    const parsed: z.infer<typeof schema>[] = [];
    for (const r of rows) {
      if (Math.abs(r.ts - middle) > maxSpreadMs) fail(r.line, "timestamp: outside the history's time range");
      else parsed.push(r.event);
    }
    const errors = failures.sort((a, b) => a.line - b.line).slice(0, maxErrors);

    const needModel = parsed.filter((e) => !lineLabels || e.labels === undefined);
    const modelLabels: PromptClass[] = [];
    if (needModel.length > 0) {
      const { labels, stats: s } = await opts.labeler.label(needModel.map((e) => e.prompt));
      modelLabels.push(...labels);
      stats.lookups += s.lookups;
      stats.lruHits += s.lruHits;
      stats.redisHits += s.redisHits;
      stats.classified += s.classified;
      stats.prescreened += s.prescreened;
    }
    let m = 0;
    const events: PartEvent[] = parsed.map((e) => {
      let label: PromptClass;
      if (lineLabels && e.labels !== undefined) {
        label = e.labels.label;
        stats.lineLabels += 1;
      } else label = modelLabels[m++]!;
      const s = signalsOf(e.prompt);
      const ts = Date.parse(e.timestamp);
      return {
        account: e.account_id,
        rh: requestHash(e.request_id).slice(0, 16),
        ts,
        label,
        area: s.area,
        signature: s.signature,
        length: s.length,
        automation: isAutomationUserAgent(e.metadata.user_agent),
        ip: e.metadata.ip,
        card: e.metadata.payment_fingerprint,
        ...summaryGateway(gatewayFields(e, ts)),
      };
    });
    stats.events = events.length;
    return { index: part.index, firstLine: part.firstLine, bytes: part.bytes, events, errors, stats };
  };
}
