/**
 * The offline path of the cluster pass: gateway history → labelled jobs → account nodes, each
 * with its own risk from the account model (the same summary, feature and scoring code as the
 * worker), so `distill-guard clusters` and the BullMQ job run the same pass.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { EventLabels, createGatewayEventSchema, type AccountEventJob } from '../../contracts/events.js';
import { invalidRequest } from '../../errors.js';
import type { AccountModel } from '../aggregate/account-model.js';
import { toJob } from '../aggregate/event-job.js';
import { cachedLabeler, toSummaryEvent } from '../aggregate/offline.js';
import { scoreSummary } from '../aggregate/score-account.js';
import { summarizeEvents, type SummaryEvent } from '../aggregate/summary.js';
import type { PromptClassifier } from '../classify/types.js';
import { createNodeBuilder, type AccountNode } from './account-node.js';

/** Collects labelled jobs into account nodes and per-account summaries. */
export function createOfflineCollector() {
  const builder = createNodeBuilder();
  const summaries = new Map<string, SummaryEvent[]>();
  let events = 0;
  let end = 0;
  return {
    add(job: AccountEventJob): void {
      builder.add(job);
      let list = summaries.get(job.account_id);
      if (list === undefined) summaries.set(job.account_id, (list = []));
      list.push(toSummaryEvent(job));
      events += 1;
      end = Math.max(end, job.ts);
    },
    /** Nodes with their own risk scored at the last event's time (or `now`). */
    finish(model: AccountModel, now = end): { nodes: AccountNode[]; values: Map<string, string>; events: number; end: number } {
      const nodes = builder.nodes();
      for (const node of nodes) {
        node.risk = scoreSummary(summarizeEvents(node.id, summaries.get(node.id) ?? [], now), now, model).likelihood;
      }
      return { nodes, values: builder.values(), events, end: now };
    },
  };
}

/** Reads a history file (one gateway event per line, `labels` optional) into labelled jobs; `line N: reason` on bad input. */
export async function readHistoryJobs(
  input: Readable,
  opts: { maxPromptChars: number; classifier?: () => Promise<PromptClassifier>; onJob: (job: AccountEventJob) => void },
): Promise<{ events: number; classified: number }> {
  const line = createGatewayEventSchema(opts).extend({ labels: EventLabels.optional() });
  let pending: z.infer<typeof line>[] = [];
  let labeler: ReturnType<typeof cachedLabeler> | undefined;
  let events = 0;
  const flush = async () => {
    const unlabelled = pending.filter((e) => e.labels === undefined);
    if (unlabelled.length > 0 && labeler === undefined) {
      if (opts.classifier === undefined) throw invalidRequest('History lines without labels need the prompt classifier.');
      labeler = cachedLabeler(await opts.classifier());
    }
    const labels = unlabelled.length > 0 ? await labeler!.label(unlabelled.map((e) => e.prompt)) : [];
    let k = 0;
    for (const e of pending) opts.onJob(toJob(e, e.labels?.label ?? labels[k++]!));
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
  return { events, classified: labeler?.stats().classified ?? 0 };
}
