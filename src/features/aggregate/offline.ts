/**
 * The offline path: gateway history (JSONL) → labelled jobs → per-account summaries → scores,
 * through the same signal, summary and feature code the Redis worker uses.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AccountView } from '../../contracts/accounts.js';
import { EventLabels, createGatewayEventSchema, type AccountEventJob } from '../../contracts/events.js';
import { toJob } from './event-job.js';
import { invalidRequest } from '../../errors.js';
import type { PromptClassifier } from '../classify/types.js';
import type { AccountModel } from './account-model.js';
import { hashId, isAutomationUserAgent, normalizePrompt } from './prompt-signals.js';
import { requestHash } from './redis-keys.js';
import { scoreSummary } from './score-account.js';
import { summarizeEvents, type SummaryEvent } from './summary.js';

export function toSummaryEvent(job: AccountEventJob): SummaryEvent {
  return {
    requestHash: requestHash(job.request_id),
    ts: job.ts,
    label: job.label,
    area: job.area,
    signature: job.signature,
    length: job.length,
    automation: isAutomationUserAgent(job.user_agent),
    ip: job.ip,
    card: job.payment_fingerprint,
  };
}


/** Labels prompts with the classifier, once per distinct normalised prompt. */
export function cachedLabeler(classifier: PromptClassifier, batchSize = 64) {
  const cache = new Map<string, AccountEventJob['label']>();
  let calls = 0;
  return {
    stats: () => ({ distinct: cache.size, classified: calls }),
    async label(prompts: readonly string[]): Promise<AccountEventJob['label'][]> {
      const keys = prompts.map((p) => hashId(normalizePrompt(p)));
      const missing = new Map<string, string>();
      keys.forEach((k, i) => {
        if (!cache.has(k) && !missing.has(k)) missing.set(k, prompts[i]!);
      });
      const todo = [...missing.entries()];
      for (let i = 0; i < todo.length; i += batchSize) {
        const part = todo.slice(i, i + batchSize);
        const results = await classifier.classify(part.map(([, p]) => p));
        calls += part.length;
        part.forEach(([k], j) => cache.set(k, results[j]!.label));
      }
      return keys.map((k) => cache.get(k)!);
    },
  };
}

/** Groups summary events by account and scores every account at `now` (default: the last event's time). */
export function scoreAccounts(
  byAccount: Map<string, SummaryEvent[]>,
  model: AccountModel,
  now?: number,
): AccountView[] {
  let end = now ?? 0;
  if (now === undefined) for (const list of byAccount.values()) for (const e of list) end = Math.max(end, e.ts);
  const views: AccountView[] = [];
  for (const [id, list] of byAccount) views.push(scoreSummary(summarizeEvents(id, list, end), end, model));
  return views.sort((a, b) => b.likelihood - a.likelihood || (a.account_id < b.account_id ? -1 : 1));
}

/** Reads a history file: each line a gateway event, optionally with `labels` (then no classifier call). */
export async function readHistory(
  input: Readable,
  opts: { maxPromptChars: number; classifier?: () => Promise<PromptClassifier>; batchSize?: number },
): Promise<{ byAccount: Map<string, SummaryEvent[]>; events: number; classified: number }> {
  const line = createGatewayEventSchema(opts).extend({ labels: EventLabels.optional() });
  const byAccount = new Map<string, SummaryEvent[]>();
  let pending: z.infer<typeof line>[] = [];
  let labeler: ReturnType<typeof cachedLabeler> | undefined;
  let events = 0;
  const flush = async () => {
    const unlabelled = pending.filter((e) => e.labels === undefined);
    if (unlabelled.length > 0 && labeler === undefined) {
      if (opts.classifier === undefined) throw invalidRequest('History lines without labels need the prompt classifier.');
      labeler = cachedLabeler(await opts.classifier(), opts.batchSize);
    }
    const labels = unlabelled.length > 0 ? await labeler!.label(unlabelled.map((e) => e.prompt)) : [];
    let k = 0;
    for (const e of pending) {
      const label = e.labels?.label ?? labels[k++]!;
      const s = toSummaryEvent(toJob(e, label));
      let list = byAccount.get(e.account_id);
      if (list === undefined) byAccount.set(e.account_id, (list = []));
      list.push(s);
    }
    pending = [];
  };
  let n = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    n += 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalidRequest(`line ${n}: not valid JSON`);
    }
    const parsed = line.safeParse(value);
    if (!parsed.success) throw invalidRequest(`line ${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    pending.push(parsed.data);
    events += 1;
    if (pending.length >= 2048) await flush();
  }
  await flush();
  return { byAccount, events, classified: labeler?.stats().classified ?? 0 };
}
