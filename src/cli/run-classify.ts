import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createJsonlInputSchema, parseJsonlLine, type JsonlInput, type JsonlOutput } from '../contracts/jsonl.js';
import type { PromptClassifier } from '../models/prompt-classifier.js';
import { createProgress } from './progress.js';

export interface RunClassifyOptions {
  input: Readable;
  output: Writable;
  stderr: Writable & { isTTY?: boolean };
  classifier: PromptClassifier;
  batchSize: number;
  maxPromptChars: number;
  /** Input size in bytes, when known, for the progress percentage. */
  totalBytes?: number;
  now?: () => number;
}

export interface RunClassifySummary {
  lines: number;
  written: number;
  flagged: number;
  empty: number;
  bad: number;
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Streams JSONL prompts through the classifier: one output line per good input line, in input
 * order. Bad lines are reported as `line N: <reason>` on stderr and counted; empty lines are skipped.
 * Reading the next batch overlaps with classifying the current one.
 */
export async function runClassify(opts: RunClassifyOptions): Promise<RunClassifySummary> {
  const schema = createJsonlInputSchema(opts.maxPromptChars);
  const progress = createProgress({
    stream: opts.stderr,
    ...(opts.totalBytes !== undefined ? { totalBytes: opts.totalBytes } : {}),
    ...(opts.now !== undefined ? { now: opts.now } : {}),
  });
  const summary: RunClassifySummary = { lines: 0, written: 0, flagged: 0, empty: 0, bad: 0 };
  let bytes = 0;
  let batch: JsonlInput[] = [];
  let inflight: Promise<void> = Promise.resolve();
  let failure: unknown;

  const classifyAndWrite = async (items: JsonlInput[]): Promise<void> => {
    const results = await opts.classifier.classify(items.map((item) => item.prompt));
    let text = '';
    items.forEach((item, i) => {
      const r = results[i];
      if (r === undefined) throw new Error(`classifier returned ${results.length} results for ${items.length} prompts`);
      const line: JsonlOutput = {
        ...item,
        label: r.label,
        flagged: r.flagged,
        scores: { ...r.scores },
        model: r.model,
        language: r.language,
        supported: r.supported,
      };
      if (r.flagged) summary.flagged += 1;
      text += `${JSON.stringify(line)}\n`;
    });
    await write(opts.output, text);
    summary.written += items.length;
  };

  const dispatch = async (): Promise<void> => {
    await inflight;
    if (failure !== undefined) throw failure;
    const items = batch;
    batch = [];
    inflight = classifyAndWrite(items).catch((err: unknown) => {
      failure = err;
    });
  };

  const rl = createInterface({ input: opts.input, crlfDelay: Infinity });
  for await (const raw of rl) {
    summary.lines += 1;
    bytes += Buffer.byteLength(raw) + 1;
    if (raw.trim() === '') {
      summary.empty += 1;
      continue;
    }
    const parsed = parseJsonlLine(schema, raw);
    if (parsed.ok) batch.push(parsed.value);
    else {
      summary.bad += 1;
      progress.clear();
      await write(opts.stderr, `line ${summary.lines}: ${parsed.reason}\n`);
    }
    if (batch.length >= opts.batchSize) await dispatch();
    progress.update(summary.lines, bytes);
  }
  if (batch.length > 0) await dispatch();
  await inflight;
  progress.done();
  if (failure !== undefined) throw failure;
  return summary;
}
