/**
 * The offline path: gateway history (JSONL) → labelled jobs → summary events, through the same
 * signal and summary code the Redis worker uses (the `clusters` command and account training).
 */
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { EventLabels, createGatewayEventSchema, type AccountEventJob } from '../../contracts/events.js';
import { toJob } from './event-job.js';
import { invalidRequest } from '../../errors.js';
import type { PromptClassifier } from '../../models/prompt-classifier.js';
import type { PromptClass } from '../../labels.js';
import { createPromptLabeler, type PromptLabeler } from '../classify/prompt-labeler.js';
import { isAutomationUserAgent } from './prompt-signals.js';
import { requestHash } from './redis-keys.js';
import type { SummaryEvent } from './summary.js';
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
    ...summaryGateway(job),
  };
}

/** A job's gateway fields under their summary names (absent stays absent). */
export function summaryGateway(
  job: Pick<AccountEventJob, 'model' | 'access_path' | 'created_at' | 'signup_path'>,
): Pick<SummaryEvent, 'model' | 'accessPath' | 'createdAt' | 'signupPath'> {
  return {
    ...(job.model !== undefined ? { model: job.model } : {}),
    ...(job.access_path !== undefined ? { accessPath: job.access_path } : {}),
    ...(job.created_at !== undefined ? { createdAt: job.created_at } : {}),
    ...(job.signup_path !== undefined ? { signupPath: job.signup_path } : {}),
  };
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
  let labeler: PromptLabeler | undefined;
  let events = 0;
  let classified = 0;
  const flush = async () => {
    const unlabelled = pending.filter((e) => e.labels === undefined);
    if (unlabelled.length > 0 && labeler === undefined) {
      if (opts.classifier === undefined)
        throw invalidRequest('History lines without labels need the prompt classifier.');
      const classifier = await opts.classifier();
      // Each distinct prompt (exact text) is classified once; the full model labels every one.
      labeler = createPromptLabeler({
        classifier: () => Promise.resolve(classifier),
        batchSize: opts.batchSize ?? 64,
        lruSize: Number.MAX_SAFE_INTEGER,
        prescreen: false,
      });
    }
    let labels: PromptClass[] = [];
    if (unlabelled.length > 0) {
      const labelled = await labeler!.label(unlabelled.map((e) => e.prompt));
      labels = labelled.labels;
      classified += labelled.stats.classified;
    }
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
  return { events, classified };
}
