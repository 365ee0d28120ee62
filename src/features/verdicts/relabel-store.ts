/**
 * Analysts' corrections of single prompts: a prompt (given as text, or as a request id that is
 * looked up in its account's samples) and the label it should have had. Every relabel is kept;
 * when the same prompt is relabelled twice, the later one wins at export.
 */
import type { Redis } from 'ioredis';
import { Relabel, type RelabelRequest } from '../../contracts/verdicts.js';
import { notFound } from '../../errors.js';
import { CLASSES } from '../../labels.js';
import { feedbackKeys, type FeedbackKeys } from './keys.js';
import type { PromptSamples } from './prompt-samples.js';

export class RelabelStore {
  private readonly keys: FeedbackKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly samples: PromptSamples,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = feedbackKeys(prefix);
  }

  /** Records a relabel; a request id without prompt text must name a sampled prompt of the account (404 otherwise). */
  async record(request: Omit<RelabelRequest, 'analyst'>, analyst: string): Promise<Relabel> {
    let prompt = request.prompt;
    let originalLabel: Relabel['original_label'] = null;
    if (request.request_id !== undefined && request.account_id !== undefined) {
      const samples = await this.samples.read(request.account_id);
      const sample = CLASSES.flatMap((l) => samples[l]).find((s) => s.request_id === request.request_id);
      if (sample !== undefined) {
        originalLabel = sample.label;
        prompt ??= sample.prompt;
      }
    }
    if (prompt === undefined) {
      throw notFound(
        `Request ${request.request_id ?? ''} is not among the sampled prompts of account ${request.account_id ?? ''}; send the prompt text instead.`,
      );
    }
    const relabel: Relabel = {
      label: request.label,
      prompt,
      request_id: request.request_id ?? null,
      account_id: request.account_id ?? null,
      original_label: originalLabel,
      analyst,
      note: request.note ?? null,
      at: new Date(this.now()).toISOString(),
    };
    await this.redis.rpush(this.keys.relabels, JSON.stringify(relabel));
    return relabel;
  }

  /** Every relabel, oldest first. */
  async all(): Promise<Relabel[]> {
    const raw = await this.redis.lrange(this.keys.relabels, 0, -1);
    return raw.flatMap((item) => {
      const parsed = Relabel.safeParse(JSON.parse(item));
      return parsed.success ? [parsed.data] : [];
    });
  }
}
