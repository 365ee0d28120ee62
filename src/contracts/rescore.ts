/**
 * Contracts of batch re-scoring: the HTTP request, the job status, the summary and the part job.
 * A run cuts its input file into parts of N lines; the API, the CLI (`--chunk-lines`) and the
 * queue name (`rescore-chunks`) call them chunks (`chunks_done`, `chunks_total`, `chunks`,
 * `resumed_chunks`), names kept for compatibility. In the code "chunk" is the encoder's piece of
 * text (models/text-chunks.ts) and a run's piece of file is a part.
 */
import { z } from 'zod';
import { LEVELS } from './accounts.js';
import { ModelName } from './identifiers.js';

export const RESCORE_STATES = ['queued', 'running', 'completed', 'failed', 'interrupted'] as const;
export type RescoreState = (typeof RESCORE_STATES)[number];

export const LineErrorSchema = z
  .object({ line: z.number().int().positive(), reason: z.string() })
  .meta({ title: 'LineError' });

export const RescoreSummary = z
  .object({
    accounts: z.number().int().nonnegative(),
    flagged_by_level: z.object(
      Object.fromEntries(LEVELS.map((l) => [l, z.number().int().nonnegative()])) as Record<
        (typeof LEVELS)[number],
        z.ZodNumber
      >,
    ),
    clusters: z.number().int().nonnegative().describe('Distinct clusters that output accounts belong to.'),
    lines: z.number().int().nonnegative(),
    events: z.number().int().nonnegative(),
    malformed: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative().describe('Repeated request ids counted once.'),
    chunks: z.number().int().nonnegative(),
    resumed_chunks: z
      .number()
      .int()
      .nonnegative()
      .describe('Chunks already committed by an earlier attempt of the run (not processed again).'),
    duration_s: z.number().nonnegative(),
    events_per_s: z.number().nonnegative(),
    cache_hit_rate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('Share of prompt look-ups answered without the prompt model (null: every line carried labels).'),
    classified: z.number().int().nonnegative().describe('Prompts run through the prompt model.'),
    prescreened: z
      .number()
      .int()
      .nonnegative()
      .describe('Of those, prompts the lexical pre-screen cleared without the encoder.'),
    model: z.string().nullable().describe('Prompt head version (null when no prompt needed it).'),
    account_model: z.string(),
  })
  .meta({ title: 'RescoreSummary' });
export type RescoreSummary = z.infer<typeof RescoreSummary>;

export const RescoreJobStatus = z
  .object({
    id: z.string(),
    state: z.enum(RESCORE_STATES),
    input: z.string(),
    output: z.string(),
    progress: z.object({
      fraction: z.number().min(0).max(1),
      chunks_done: z.number().int().nonnegative(),
      chunks_total: z.number().int().nonnegative().nullable().describe('Known once the whole input has been read.'),
      lines: z.number().int().nonnegative(),
      events: z.number().int().nonnegative(),
      malformed: z.number().int().nonnegative(),
      events_per_s: z.number().nonnegative(),
      eta_s: z.number().nonnegative().nullable(),
    }),
    errors: z.array(LineErrorSchema).describe('The first malformed lines, with their line numbers.'),
    summary: RescoreSummary.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .meta({ title: 'RescoreJobStatus' });
export type RescoreJobStatus = z.infer<typeof RescoreJobStatus>;

export const RescoreRequest = z
  .object({
    input_path: z
      .string()
      .min(1)
      .max(4096)
      .describe('History JSONL (or gzip) inside the data directory (DATA_DIR), relative to it.'),
    output_path: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .describe(
        'Where to write accounts JSONL, inside the data directory (default: DATA_DIR/rescore/<job id>/accounts.jsonl; download it from /v1/jobs/:id/output).',
      ),
    clusters_path: z.string().min(1).max(4096).optional().describe('Clusters JSONL inside the data directory.'),
    model: ModelName.optional().describe('Prompt head version (default: current).'),
    relabel: z.boolean().optional().describe('Classify every prompt even when the line carries labels.'),
    prescreen: z
      .boolean()
      .optional()
      .describe('Clear prompts the lexical pre-screen finds clearly benign without the encoder (default true).'),
  })
  .meta({ title: 'RescoreRequest' });
export type RescoreRequest = z.infer<typeof RescoreRequest>;

export const RescoreOutput = z
  .string()
  .describe('One account per line (accounts JSONL).')
  .meta({ title: 'RescoreOutput' });

export const RescoreAccepted = z
  .object({ id: z.string(), state: z.enum(RESCORE_STATES), status_url: z.string() })
  .meta({ title: 'RescoreAccepted' });

/** Data of one part job on the parts queue. */
export const RescorePartJob = z.object({
  run: z.string().min(1),
  index: z.number().int().nonnegative(),
  firstLine: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  model: z.string().min(1),
  lineLabels: z.boolean(),
  cache: z.boolean(),
  prescreen: z.boolean().default(true),
});
export type RescorePartJob = z.infer<typeof RescorePartJob>;

/** Data of one whole run on the run queue (what `POST /v1/rescore` enqueues). */
export const RescoreRunJob = z.object({
  input: z.string().min(1),
  output: z.string().min(1),
  clusters: z.string().min(1).optional(),
  /** The directory every file of the run must lie in when the worker opens it (runs submitted over HTTP). */
  root: z.string().min(1).optional(),
  model: z.string().min(1),
  lineLabels: z.boolean(),
  prescreen: z.boolean().default(true),
});
export type RescoreRunJob = z.infer<typeof RescoreRunJob>;
