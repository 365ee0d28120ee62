/**
 * The offline path: gateway history (JSONL) → labelled jobs → per-account summaries → scores,
 * through the same signal, summary and feature code the Redis worker uses.
 */
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { AccountView } from '../../contracts/accounts.js';
import { EventLabels, createGatewayEventSchema, type AccountEventJob } from '../../contracts/events.js';
import { toJob } from './event-job.js';
import { invalidRequest } from '../../errors.js';
import type { PromptClassifier } from '../../models/prompt-classifier.js';
import type { AccountModel } from './account-model.js';
import { hashId, isAutomationUserAgent, normalizePrompt } from './prompt-signals.js';
import { requestHash } from './redis-keys.js';
import { scoreSummary } from './score-account.js';
import { summarizeEvents, type SummaryEvent } from './summary.js';
import { readJsonlLines } from '../../util/jsonl-reader.js';

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
  const byAccount = new Map<string, SummaryEvent[]>();
  const onJob = (job: AccountEventJob) => {
    let list = byAccount.get(job.account_id);
    if (list === undefined) byAccount.set(job.account_id, (list = []));
    list.push(toSummaryEvent(job));
  };
  const { events, classified } = await readHistoryJobs(input, { ...opts, onJob });
  return { byAccount, events, classified };
}

/** Reads a history file (one gateway event per line, `labels` optional) into labelled jobs; `line N: reason` on bad input. */
export async function readHistoryJobs(
  input: Readable,
  opts: {
    maxPromptChars: number;
    classifier?: () => Promise<PromptClassifier>;
    batchSize?: number;
    onJob: (job: AccountEventJob) => void;
  },
): Promise<{ events: number; classified: number }> {
  const line = createGatewayEventSchema(opts).extend({ labels: EventLabels.optional() });
  let pending: z.infer<typeof line>[] = [];
  let labeler: ReturnType<typeof cachedLabeler> | undefined;
  let events = 0;
  const flush = async () => {
    const unlabelled = pending.filter((e) => e.labels === undefined);
    if (unlabelled.length > 0 && labeler === undefined) {
      if (opts.classifier === undefined)
        throw invalidRequest('History lines without labels need the prompt classifier.');
      labeler = cachedLabeler(await opts.classifier(), opts.batchSize);
    }
    const labels = unlabelled.length > 0 ? await labeler!.label(unlabelled.map((e) => e.prompt)) : [];
    let k = 0;
    for (const e of pending) opts.onJob(toJob(e, e.labels?.label ?? labels[k++]!));
    pending = [];
  };
  for await (const { data } of readJsonlLines(input, line, invalidRequest)) {
    pending.push(data);
    events += 1;
    if (pending.length >= 2048) await flush();
  }
  await flush();
  return { events, classified: labeler?.stats().classified ?? 0 };
}
