/**
 * `/v1/classify` on real prompts, end to end, beside the raw encoder on the same chunks, in one run:
 *
 * - raw encoder: the texts the classifier embeds for each prompt (chunks and fine windows), on one
 *   encoder thread (one core), on a pool of one thread per core, and on one thread running its
 *   graph with one intra-op thread per core;
 * - the service (`serve --no-worker` in a child process, 16 clients in another) on the same
 *   distinct prompts, each sent once: pre-screen off and on, with the cores and main-thread CPU
 *   per prompt it used (from /proc), and the same for an older source tree when BENCH_BASELINE
 *   names one (head-to-head ratios in the same run);
 * - open-loop latency at half of the maximum measured with the default configuration;
 * - the chunk embedding cache on and off on a template-heavy mix.
 *
 * The chunk cache is off for every run compared with the raw encoder (distinct prompts, same work).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { disposeModels, loadClassifier, openEncoder } from '../src/models/registry.js';
import type { Encoder } from '../src/models/encoder.js';
import { realPrompts, templateHeavyPrompts } from './real-prompts.js';
import { serve } from './served.js';
import { shortPrompt } from './prompts.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLIENT = fileURLToPath(new URL('./prompt-client.ts', import.meta.url));
export const CLIENTS = 16;
const OPEN_SECONDS = 30;

interface ClientResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  /** Percentiles per prompt-length bucket (characters). */
  byLength?: Record<string, { requests: number; p50: number | null; p99: number | null; max: number | null }>;
}

export interface ServiceRun extends ClientResult {
  name: string;
  /** Cores the server process used on average while the clients ran. */
  cores: number;
  /** Main-thread CPU (ms) per prompt answered. */
  mainMsPerPrompt: number;
  cacheHitRatio?: number;
}

export async function client(args: string[]): Promise<ClientResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CLIENT, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as ClientResult;
}

export async function serviceRun(
  name: string,
  root: string,
  env: Record<string, string>,
  file: string,
  warmFile: string,
  load: (url: string) => string[],
): Promise<ServiceRun> {
  const served = await serve(root, env);
  try {
    const url = `${served.url}/v1/classify`;
    await client(['closed', url, warmFile, String(CLIENTS)]);
    const before = served.cpu();
    const r = await client(load(url).map((a) => (a === '$FILE' ? file : a)));
    const after = served.cpu();
    const hit = /distill_guard_encoder_cache_hit_ratio ([0-9.e-]+)/.exec(await served.metrics());
    const out: ServiceRun = {
      name,
      ...r,
      cores: Math.round(((after.process - before.process) / r.seconds) * 100) / 100,
      mainMsPerPrompt: Math.round(((after.main - before.main) / Math.max(1, r.requests)) * 1e5) / 100,
      ...(hit ? { cacheHitRatio: Math.round(Number(hit[1]) * 1000) / 1000 } : {}),
    };
    console.error(`service ${name}: ${JSON.stringify(out)}`);
    return out;
  } finally {
    await served.stop();
  }
}

/**
 * Prompts/s of an encoder over each prompt's texts, 16 prompts per call (one micro-batch), with
 * `inFlight` calls outstanding at once so no encoder thread idles between calls (one call at a
 * time leaves threads waiting for the slowest slice of each call, which understates the encoder).
 */
async function rawRate(
  encoder: Encoder,
  texts: string[][],
  inFlight: number,
): Promise<{ promptsPerS: number; chunksPerS: number }> {
  await encoder.embedChunks(texts.slice(0, 8).flat());
  const started = performance.now();
  let chunks = 0;
  let next = 0;
  const lane = async () => {
    while (next < texts.length) {
      const batch = texts.slice(next, (next += 16)).flat();
      chunks += batch.length;
      await encoder.embedChunks(batch);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const s = (performance.now() - started) / 1000;
  return { promptsPerS: Math.round((texts.length / s) * 10) / 10, chunksPerS: Math.round((chunks / s) * 10) / 10 };
}

export async function benchClassifyReal(opts: { prompts?: number; baseline?: string } = {}) {
  const cores = os.availableParallelism();
  const mix = realPrompts(4000);
  const step = Math.max(1, Math.floor(mix.length / (opts.prompts ?? 600)));
  const prompts = mix.filter((_, i) => i % step === 0).slice(0, opts.prompts ?? 600);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-bench-'));
  const file = path.join(dir, 'prompts.json');
  const warmFile = path.join(dir, 'warm.json');
  const templFile = path.join(dir, 'templates.json');
  await writeFile(file, JSON.stringify(prompts));
  await writeFile(warmFile, JSON.stringify(Array.from({ length: 48 }, (_, i) => shortPrompt(i))));
  await writeFile(templFile, JSON.stringify(templateHeavyPrompts(240)));
  try {
    // Raw encoder on the texts the classifier embeds for these prompts.
    const classifier = await loadClassifier({ batching: 'similar-length' });
    const texts = await classifier.textsToEmbed(prompts);
    const passes = texts.reduce((a, t) => a + t.length, 0) / texts.length;
    await disposeModels();
    const raw: Record<string, { promptsPerS: number; chunksPerS: number }> = {};
    for (const [name, threads, intra] of [
      ['one core (1 thread)', 1, 1],
      [`all cores (pool of ${cores} threads)`, cores, 1],
      [`all cores (1 thread, ${cores} intra-op)`, 1, cores],
    ] as const) {
      const encoder = await openEncoder('use-lite', threads, 'similar-length', intra);
      raw[name] = await rawRate(encoder, texts, 2 * threads);
      await encoder.dispose();
      console.error(`raw encoder ${name}: ${JSON.stringify(raw[name])}`);
    }
    const rawAll = Math.max(...Object.values(raw).map((r) => r.promptsPerS));

    const closed = () => ['closed', '', '$FILE', String(CLIENTS)];
    const withUrl = (args: string[]) => (url: string) => args.map((a, i) => (i === 1 ? url : a));
    const runs: ServiceRun[] = [];
    const off = { DISTILL_GUARD_PRESCREEN: 'off', ENCODER_CACHE_ENTRIES: '0' };
    const on = { DISTILL_GUARD_PRESCREEN: 'on', ENCODER_CACHE_ENTRIES: '0' };
    runs.push(await serviceRun('pre-screen off', ROOT, off, file, warmFile, withUrl(closed())));
    runs.push(await serviceRun('pre-screen on', ROOT, on, file, warmFile, withUrl(closed())));
    runs.push(
      await serviceRun(
        `pre-screen off, 1 thread × ${cores} intra-op`,
        ROOT,
        { ...off, ENCODER_THREADS: '1', ENCODER_INTRA_OP_THREADS: String(cores) },
        file,
        warmFile,
        withUrl(closed()),
      ),
    );
    if (opts.baseline) {
      runs.push(await serviceRun('baseline, pre-screen off', opts.baseline, off, file, warmFile, withUrl(closed())));
      runs.push(await serviceRun('baseline, pre-screen on', opts.baseline, on, file, warmFile, withUrl(closed())));
    }
    // Open loop at half of the maximum of the default configuration (pre-screen on, cache on).
    // Distinct prompts for the whole open-loop run, so neither cache answers a repeat.
    const max = Math.max(runs[1]!.rps, 1);
    const half = Math.max(1, Math.round(max / 2));
    const openFile = path.join(dir, 'open.json');
    await writeFile(openFile, JSON.stringify(mix.slice(0, half * OPEN_SECONDS)));
    const open = await serviceRun(
      `open loop at ${half} req/s (half of ${max})`,
      ROOT,
      {},
      openFile,
      warmFile,
      withUrl(['open', '', '$FILE', String(half), String(OPEN_SECONDS)]),
    );
    // The cache on a template-heavy mix.
    const templOff = await serviceRun('template-heavy, cache off', ROOT, off, templFile, warmFile, withUrl(closed()));
    const templOn = await serviceRun(
      'template-heavy, cache on',
      ROOT,
      { DISTILL_GUARD_PRESCREEN: 'off' },
      templFile,
      warmFile,
      withUrl(closed()),
    );
    const byName = (n: string) => runs.find((r) => r.name === n);
    const baseOff = byName('baseline, pre-screen off');
    return {
      prompts: prompts.length,
      meanChars: Math.round(prompts.reduce((a, p) => a + p.length, 0) / prompts.length),
      encoderPassesPerPrompt: Math.round(passes * 100) / 100,
      raw,
      runs,
      open,
      templateHeavy: { off: templOff, on: templOn, speedup: Math.round((templOn.rps / templOff.rps) * 100) / 100 },
      ratios: {
        classifyOffToRawAllCores: Math.round((runs[0]!.rps / rawAll) * 1000) / 1000,
        ...(baseOff
          ? {
              classifyOffToBaselineOff: Math.round((runs[0]!.rps / baseOff.rps) * 100) / 100,
              baselineOffToRawAllCores: Math.round((baseOff.rps / rawAll) * 1000) / 1000,
            }
          : {}),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
