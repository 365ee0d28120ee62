/**
 * The reference the rescore tests compare against: the whole history in memory, grouped by
 * account and scored in one process through the same summary and scoring code the workers use.
 */
import type { Readable } from 'node:stream';
import type { AccountView } from '../../src/contracts/accounts.js';
import type { AccountModel } from '../../src/features/aggregate/account-model.js';
import { readHistoryJobs, toSummaryEvent } from '../../src/features/aggregate/offline.js';
import { scoreSummary } from '../../src/features/aggregate/score-account.js';
import { summarizeEvents, type SummaryEvent } from '../../src/features/aggregate/summary.js';
import type { AccountEventJob } from '../../src/contracts/events.js';
import type { PromptClassifier } from '../../src/models/prompt-classifier.js';

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
