/**
 * Main-thread CPU per prompt of `/v1/classify` (the event loop's own CPU time, read from /proc, so
 * it does not grow when other processes share the cores), pre-screen off and on, on the same
 * distinct real prompts sent once by 16 closed-loop clients; the same for an older source tree
 * when BENCH_BASELINE names one, in the same run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENTS, serviceRun, type ServiceRun } from './classify-real.js';
import { realPrompts } from './real-prompts.js';
import { shortPrompt } from './prompts.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function benchMainThread(opts: { prompts?: number; baseline?: string } = {}) {
  const count = opts.prompts ?? 400;
  const mix = realPrompts(4000);
  const step = Math.max(1, Math.floor(mix.length / count));
  const prompts = mix.filter((_, i) => i % step === 0).slice(0, count);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-bench-'));
  const file = path.join(dir, 'prompts.json');
  const warmFile = path.join(dir, 'warm.json');
  await writeFile(file, JSON.stringify(prompts));
  await writeFile(warmFile, JSON.stringify(Array.from({ length: 48 }, (_, i) => shortPrompt(i))));
  const closed = (url: string) => ['closed', url, '$FILE', String(CLIENTS)];
  const runs: ServiceRun[] = [];
  try {
    for (const [name, root] of [['this tree', ROOT], ...(opts.baseline ? [['baseline', opts.baseline]] : [])] as const)
      for (const prescreen of ['off', 'on'])
        runs.push(
          await serviceRun(
            `${name}, pre-screen ${prescreen}`,
            root,
            { DISTILL_GUARD_PRESCREEN: prescreen, ENCODER_CACHE_ENTRIES: '0' },
            file,
            warmFile,
            closed,
          ),
        );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { prompts: prompts.length, runs };
}
