/**
 * Prompt labels for account evaluation, kept in a file so that the prompt model labels each
 * distinct prompt once across runs, seeds and families. The labels are the shipped prompt
 * model's (the classifier and lexical pre-screen the service runs), keyed by the SHA-256 of the
 * exact text and by head version: a new head never reads an old head's labels. No prompt text is
 * stored.
 *
 *   npx tsx training/account/label-cache.ts --cache DIR history.jsonl [more.jsonl ...]
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CLASSES, type PromptClass } from '../../src/labels.js';
import { createPromptLabeler } from '../../src/features/classify/prompt-labeler.js';
import { disposeModels, loadClassifier, resolveVersion } from '../../src/models/registry.js';

export const promptKey = (prompt: string): string => createHash('sha256').update(prompt).digest('hex').slice(0, 32);

export type LabelMap = Map<string, PromptClass>;

export const cacheFile = (dir: string, head: string): string => path.join(dir, `${head}.labels.jsonl`);

/** Reads `<dir>/<head>.labels.jsonl` (`{"k","l"}` per line); a missing file is an empty map. */
export async function readLabelCache(dir: string, head: string): Promise<LabelMap> {
  const out: LabelMap = new Map();
  let text: string;
  try {
    text = await readFile(cacheFile(dir, head), 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const { k, l } = JSON.parse(line) as { k: string; l: string };
    if ((CLASSES as readonly string[]).includes(l)) out.set(k, l as PromptClass);
  }
  return out;
}

/**
 * Distinct prompts of JSONL histories (`prompt` field) that the map does not hold yet. With a
 * truth.json next to a history, whole families are completed one after another, the family with
 * the fewest prompts first, so a partly labelled set already holds complete families.
 */
export async function missingPrompts(files: readonly string[], labels: LabelMap): Promise<Map<string, string>> {
  const todo = new Map<string, string>();
  for (const file of files) {
    let family = (_account: string) => '';
    try {
      const truth = JSON.parse(await readFile(path.join(path.dirname(file), 'truth.json'), 'utf8')) as {
        accounts: Record<string, { family: string }>;
      };
      family = (a) => truth.accounts[a]?.family ?? '';
    } catch {
      // no truth: file order
    }
    const perFamily = new Map<string, Map<string, string>>();
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of rl) {
      if (line.trim() === '') continue;
      const { prompt, account_id } = JSON.parse(line) as { prompt: string; account_id: string };
      const k = promptKey(prompt);
      if (labels.has(k) || todo.has(k)) continue;
      const f = family(account_id);
      let m = perFamily.get(f);
      if (m === undefined) perFamily.set(f, (m = new Map()));
      m.set(k, prompt);
    }
    const ordered = [...perFamily.values()].sort((a, b) => a.size - b.size);
    for (const m of ordered) for (const [k, p] of m) if (!todo.has(k)) todo.set(k, p);
  }
  return todo;
}

/** Labels the missing prompts with a head version (default: current) and appends them to the cache. */
export async function fillLabelCache(opts: {
  dir: string;
  files: readonly string[];
  modelsDir?: string;
  version?: string;
  threads?: number;
  log?: (line: string) => void;
}): Promise<{ head: string; labels: LabelMap; classified: number }> {
  const { modelsDir, version } = await resolveVersion({
    ...(opts.modelsDir !== undefined ? { modelsDir: opts.modelsDir } : {}),
    ...(opts.version !== undefined ? { version: opts.version } : {}),
  });
  await mkdir(opts.dir, { recursive: true });
  const labels = await readLabelCache(opts.dir, version);
  const todo = [...(await missingPrompts(opts.files, labels))];
  if (todo.length === 0) return { head: version, labels, classified: 0 };
  const labeler = createPromptLabeler({
    classifier: () => loadClassifier({ modelsDir, version, encoderThreads: opts.threads ?? 1 }),
    batchSize: 64,
    prescreen: true,
    cache: false,
  });
  const started = Date.now();
  const step = 256;
  for (let i = 0; i < todo.length; i += step) {
    const batch = todo.slice(i, i + step);
    const { labels: got } = await labeler.label(batch.map(([, p]) => p));
    const lines = batch.map(([k], j) => {
      labels.set(k, got[j]!);
      return JSON.stringify({ k, l: got[j] });
    });
    await appendFile(cacheFile(opts.dir, version), `${lines.join('\n')}\n`);
    const done = Math.min(todo.length, i + step);
    opts.log?.(`${done}/${todo.length} prompts labelled (${(done / ((Date.now() - started) / 1000)).toFixed(1)}/s)`);
  }
  return { head: version, labels, classified: todo.length };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { cache: { type: 'string' }, model: { type: 'string' }, threads: { type: 'string', default: '1' } },
  });
  if (values.cache === undefined || positionals.length === 0)
    throw new Error('usage: label-cache.ts --cache DIR history.jsonl [...]');
  const r = await fillLabelCache({
    dir: values.cache,
    files: positionals,
    ...(values.model !== undefined ? { version: values.model } : {}),
    threads: Number(values.threads),
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stderr.write(`head ${r.head}: ${r.labels.size} labels cached, ${r.classified} classified now\n`);
  await disposeModels();
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
