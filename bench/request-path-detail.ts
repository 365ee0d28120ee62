/**
 * Where the request path's time goes, beside `npm run bench -- real`:
 *
 *   npx tsx bench/request-path-detail.ts cpu            in one process, one encoder thread, 16 prompts a call:
 *                                                       CPU per prompt of the classifier against the raw
 *                                                       encoder over the same texts (2,000 real prompts)
 *   npx tsx bench/request-path-detail.ts long           each real prompt over 1,000 characters classified
 *                                                       alone (nothing else running): latency by length
 *   npx tsx bench/request-path-detail.ts open [RATE] [ORDER]
 *                                                       open loop on one served process at RATE requests/s
 *                                                       (default 170), 30 s per slice: "o1" is the first
 *                                                       RATE × 30 prompts of realPrompts(12000), "o2" the
 *                                                       next as many; ORDER is the slices in order
 *                                                       (default o1,o2). The server inherits the environment
 *                                                       (BATCH_MAX_CONCURRENT…); BENCH_ROOT serves another
 *                                                       source tree.
 *
 * JSON lines on stdout.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { disposeModels, loadClassifier, openEncoder } from '../src/models/registry.js';
import { client } from './classify-real.js';
import { realPrompts } from './real-prompts.js';
import { serve } from './served.js';
import { shortPrompt } from './prompts.js';

const [mode = 'cpu', ...args] = process.argv.slice(2);

/** 2,000 prompts spread over the bundle, as `npm run bench -- real` picks them. */
function mixOf(n: number): string[] {
  const mix = realPrompts(4000);
  const step = Math.max(1, Math.floor(mix.length / n));
  return mix.filter((_, i) => i % step === 0).slice(0, n);
}

/** CPU ms per prompt and prompts/s of `work` over `prompts`, 16 a call. */
async function measure(count: number, call: (from: number) => Promise<unknown>) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < count; i += 16) await call(i);
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    promptsPerS: Math.round((count / s) * 10) / 10,
    cpuMsPerPrompt: Math.round(((cpu.user + cpu.system) / 1000 / count) * 100) / 100,
  };
}

async function cpu(): Promise<void> {
  const prompts = mixOf(2000);
  const classifier = await loadClassifier({ batching: 'similar-length' });
  await classifier.classify(prompts.slice(0, 16));
  // The classifier first, so no view of a prompt is cached from computing its texts.
  const classify = await measure(prompts.length, (i) => classifier.classify(prompts.slice(i, i + 16)));
  const texts = await classifier.textsToEmbed(prompts);
  await disposeModels();
  // The raw encoder as the classifier runs it: one encoder thread.
  const encoder = await openEncoder('use-lite', 1, 'similar-length');
  await encoder.embedChunks(texts.slice(0, 8).flat());
  const raw = await measure(texts.length, (i) => encoder.embedChunks(texts.slice(i, i + 16).flat()));
  await encoder.dispose();
  console.log(JSON.stringify({ prompts: prompts.length, classify, raw }));
}

async function long(): Promise<void> {
  const classifier = await loadClassifier({ batching: 'similar-length' });
  const prompts = mixOf(2000)
    .filter((p) => p.length > 1000)
    .sort((a, b) => b.length - a.length);
  await classifier.classify(prompts.slice(0, 4));
  const rows: { chars: number; ms: number }[] = [];
  for (const p of prompts) {
    const t0 = performance.now();
    // A space makes the text new to every cache.
    await classifier.classify([`${p} `]);
    rows.push({ chars: p.length, ms: performance.now() - t0 });
  }
  for (const [lo, hi] of [
    [1000, 2000],
    [2000, 4000],
    [4000, 8000],
    [8000, Infinity],
  ] as const) {
    const ms = rows
      .filter((r) => r.chars >= lo && r.chars < hi)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const at = (q: number) => (ms.length ? Math.round(ms[Math.floor(q * (ms.length - 1))]!) : null);
    console.log(JSON.stringify({ chars: `${lo}-${hi}`, prompts: ms.length, medianMs: at(0.5), maxMs: at(1) }));
  }
}

async function open(): Promise<void> {
  const rate = Number(args[0] ?? 170);
  const order = (args[1] ?? 'o1,o2').split(',');
  const root = process.env.BENCH_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-open-'));
  try {
    const mix = realPrompts(12000);
    const files: Record<string, string> = {};
    for (const [k, name] of ['o1', 'o2'].entries()) {
      files[name] = path.join(dir, `${name}.json`);
      await writeFile(files[name], JSON.stringify(mix.slice(k * rate * 30, (k + 1) * rate * 30)));
    }
    const warm = path.join(dir, 'warm.json');
    await writeFile(warm, JSON.stringify(Array.from({ length: 48 }, (_, i) => shortPrompt(i))));
    const served = await serve(root, {});
    try {
      const url = `${served.url}/v1/classify`;
      await client(['closed', url, warm, '16']);
      for (const name of order) {
        const file = files[name];
        if (file === undefined) throw new Error(`unknown slice ${name}: expected o1 or o2`);
        const r = await client(['open', url, file, String(rate), '30']);
        console.log(JSON.stringify({ slice: name, rate, p50: r.p50, p99: r.p99, max: r.max, byLength: r.byLength }));
      }
    } finally {
      await served.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const modes: Record<string, () => Promise<void>> = { cpu, long, open };
const run = modes[mode];
if (run === undefined) throw new Error(`unknown mode ${mode}: expected cpu, long or open`);
await run();
await disposeModels();
