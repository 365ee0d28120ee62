/**
 * `npm run bench`: the foundation benchmarks, printed as JSON and as Markdown rows for
 * BENCHMARKS.md. Sections can be chosen: `npm run bench -- encoder service real coldstart`
 * (`main-thread` runs only when named).
 */
import os from 'node:os';
import { loadUseLiteEncoder } from '../src/models/use-lite-encoder.js';
import { benchClassifyService } from './classify-service.js';
import { benchClassifyReal } from './classify-real.js';
import { benchMainThread } from './main-thread.js';
import { benchColdStart } from './cold-start.js';
import { encoderThroughput } from './encoder-throughput.js';
import { longPrompt, shortPrompt } from './prompts.js';

const sections = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (s: string) => sections.length === 0 || sections.includes(s);
const results: Record<string, unknown> = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  date: new Date().toISOString(),
};

let bestBatchShort = { batch: 0, rate: 0 };
if (want('encoder') || want('service')) {
  // Both runtimes of the same model in one run: their ratio is the comparable figure.
  const rows: { runtime: string; prompt: string; tokens: number; batch: number; promptsPerSecond: number }[] = [];
  for (const runtime of ['onnxruntime', 'tfjs'] as const) {
    const encoder = await loadUseLiteEncoder({ runtime });
    for (const [name, make] of [
      ['short', shortPrompt],
      ['long', longPrompt],
    ] as const) {
      for (const batch of [1, 8, 16, 32, 64]) {
        const rate = await encoderThroughput(encoder, make, batch);
        rows.push({
          runtime: encoder.runtime,
          prompt: name,
          tokens: encoder.countTokens(make(0)),
          batch,
          promptsPerSecond: rate,
        });
        if (runtime === 'onnxruntime' && name === 'short' && rate > bestBatchShort.rate)
          bestBatchShort = { batch, rate };
        console.error(
          `encoder ${encoder.runtime} ${name} (${encoder.countTokens(make(0))} tokens) batch ${batch}: ${rate.toFixed(1)} prompts/s`,
        );
      }
    }
    if (runtime === 'onnxruntime') results.rssAfterEncoderLoadMb = process.memoryUsage().rss / 2 ** 20;
    await encoder.dispose();
  }
  results.encoder = rows;
}

if (want('service')) {
  const service = await benchClassifyService(16, 20);
  results.service = { ...service, rawEncoderBest: bestBatchShort, ratio: service.rps / bestBatchShort.rate };
  console.error(
    `service: ${service.rps.toFixed(1)} req/s with 16 clients (p99 ${service.p99Ms?.toFixed(0)} ms) = ${(service.rps / bestBatchShort.rate).toFixed(2)} × raw encoder at batch ${bestBatchShort.batch}`,
  );
}

if (want('real')) {
  // BENCH_BASELINE: an older source tree (with node_modules) for head-to-head figures in this run.
  results.real = await benchClassifyReal({
    baseline: process.env.BENCH_BASELINE,
    ...(process.env.BENCH_PROMPTS ? { prompts: Number(process.env.BENCH_PROMPTS) } : {}),
  });
}

if (sections.includes('main-thread')) {
  // Only when named: main-thread CPU per prompt alone (the `real` section measures it among everything else).
  results.mainThread = await benchMainThread({
    baseline: process.env.BENCH_BASELINE,
    ...(process.env.BENCH_PROMPTS ? { prompts: Number(process.env.BENCH_PROMPTS) } : {}),
  });
}

if (want('coldstart')) {
  results.coldStart = await benchColdStart();
  console.error(`cold start to first /v1/classify answer: ${JSON.stringify(results.coldStart)}`);
}

console.log(JSON.stringify(results, null, 2));
