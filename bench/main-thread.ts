/**
 * Main-thread CPU per prompt of `/v1/classify` (the event loop's own CPU time, read from /proc, so
 * it does not grow when other processes share the cores), pre-screen off and on, each with the HTTP
 * fast path (HTTP_FAST_PATH) on and off, on the same distinct real prompts sent once by 16
 * closed-loop clients; the same for an older source tree
 * when BENCH_BASELINE names one, in the same run; and the floor: the same requests answered by a
 * service in this process whose classifier does nothing (the HTTP stack, the batcher and the JSON
 * alone).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATTACK_LABELS } from '../src/labels.js';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import type { PromptClassification, PromptClassifier } from '../src/models/prompt-classifier.js';
import { startService } from '../src/service.js';
import { client, CLIENTS, serviceRun, type ServiceRun } from './classify-real.js';
import { cpuSeconds } from './served.js';
import { realPrompts } from './real-prompts.js';
import { shortPrompt } from './prompts.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BENIGN: PromptClassification = {
  label: 'benign',
  flagged: false,
  scores: Object.fromEntries(ATTACK_LABELS.map((l) => [l, 0])) as PromptClassification['scores'],
  categories: Object.fromEntries(ATTACK_LABELS.map((l) => [l, false])) as PromptClassification['categories'],
  model: 'none',
  language: 'en',
  supported: true,
};
const NOTHING: PromptClassifier = {
  version: 'none',
  classify: (prompts) => Promise.resolve(prompts.map(() => BENIGN)),
};

/** Main-thread CPU (ms) per request of a service in this process whose classifier answers at once. */
async function httpFloor(file: string, fastPath: 'on' | 'off'): Promise<{ rps: number; mainMsPerPrompt: number }> {
  const env = loadEnv({
    ...process.env,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_GATEWAY_RPS: '0',
    HTTP_FAST_PATH: fastPath,
    ACCOUNT_PREFIX: `floor${process.pid}`,
  });
  const service = await startService({
    env,
    logger: createLogger('warn'),
    port: 0,
    worker: false,
    loadClassifier: () => Promise.resolve(NOTHING),
  });
  try {
    const main = () => cpuSeconds(`/proc/${process.pid}/task/${process.pid}/stat`);
    const url = `${service.url}/v1/classify`;
    await client(['closed', url, file, String(CLIENTS)]);
    const before = main();
    const r = await client(['closed', url, file, String(CLIENTS)]);
    return { rps: r.rps, mainMsPerPrompt: Math.round(((main() - before) / Math.max(1, r.requests)) * 1e5) / 100 };
  } finally {
    await service.stop();
  }
}

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
    // This tree with the HTTP fast path on and off, alternated; a baseline tree with its defaults.
    const trees: [string, string, Record<string, string>][] = [
      ['this tree, fast path on', ROOT, { HTTP_FAST_PATH: 'on' }],
      ['this tree, fast path off', ROOT, { HTTP_FAST_PATH: 'off' }],
      ...(opts.baseline ? [['baseline', opts.baseline, {}] as [string, string, Record<string, string>]] : []),
    ];
    for (const prescreen of ['off', 'on'])
      for (const [name, root, extra] of trees)
        runs.push(
          await serviceRun(
            `${name}, pre-screen ${prescreen}`,
            root,
            { ...extra, DISTILL_GUARD_PRESCREEN: prescreen, ENCODER_CACHE_ENTRIES: '0' },
            file,
            warmFile,
            closed,
          ),
        );
    const floor = { fastPathOn: await httpFloor(file, 'on'), fastPathOff: await httpFloor(file, 'off') };
    console.error(`HTTP stack alone: ${JSON.stringify(floor)}`);
    return { prompts: prompts.length, runs, httpStackAlone: floor };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
