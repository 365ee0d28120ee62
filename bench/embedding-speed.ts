/**
 * Embedding speed of the training and evaluation paths, before and after chunk de-duplication
 * with length-sorted batches, measured in one run on the same two threaded encoders (A/B/A/B so
 * both see the same machine load). "before" re-creates the earlier pool behaviour: slices of 32
 * chunks in input order, every chunk embedded even when repeated, texts handed over 64 at a time
 * (training) or evaluation batches of 64 prompts scored one after the other.
 *
 *   npx tsx bench/embedding-speed.ts [--train 1200] [--eval 300]
 */
import { buildDataset } from '../training/data/build.js';
import { HeadClassifier } from '../src/models/head-classifier.js';
import type { Encoder } from '../src/models/encoder.js';
import { EncoderPool } from '../src/models/encoder-pool.js';
import { embedTexts } from '../src/models/embed-texts.js';
import { loadHead } from '../src/models/registry.js';
import { loadThreadedUseLiteEncoder } from '../src/models/threaded-encoder.js';
import { evenlyCapped } from '../src/models/text-chunks.js';
import { meanNormalized } from '../src/models/vector-math.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/** The pool as it was: in-order slices, no de-duplication. */
class InOrderPool extends EncoderPool {
  private turn = 0;
  constructor(private readonly members: readonly Encoder[]) {
    super(members);
  }
  override async embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    const size = Math.max(1, Math.min(32, Math.ceil(chunks.length / this.members.length)));
    const slices: Promise<Float32Array[]>[] = [];
    for (let start = 0; start < chunks.length; start += size)
      slices.push(this.members[this.turn++ % this.members.length]!.embedChunks(chunks.slice(start, start + size)));
    return (await Promise.all(slices)).flat();
  }
}

const every = <T>(items: readonly T[], n: number) =>
  items.filter((_, i) => i % Math.max(1, Math.floor(items.length / n)) === 0).slice(0, n);

const { examples } = await buildDataset({});
const trainTexts = every(
  [...new Set(examples.filter((e) => ['train', 'val', 'calib'].includes(e.split)).map((e) => e.text))],
  arg('--train', 1200),
);
const evalTexts = every(
  examples.filter((e) => e.split === 'test' || e.split === 'hardneg').map((e) => e.text),
  arg('--eval', 300),
);
const encoders = await Promise.all([loadThreadedUseLiteEncoder(), loadThreadedUseLiteEncoder()]);
const before = new InOrderPool(encoders);
const after = new EncoderPool(encoders);
const head = await loadHead();

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/** The per-batch path measured as "before": each text's chunks embedded in its batch, no de-duplication. */
async function embedByChunks(encoder: Encoder, texts: readonly string[], maxChunks: number): Promise<Float32Array[]> {
  const perText = texts.map((t) => evenlyCapped(encoder.splitIntoChunks(t), maxChunks));
  const flat = await encoder.embedChunks(perText.flat());
  let at = 0;
  return perText.map((chunks) => {
    const v = meanNormalized(flat.slice(at, at + chunks.length));
    at += chunks.length;
    return v;
  });
}

const trainBefore = async () => {
  for (let i = 0; i < trainTexts.length; i += 64) await embedByChunks(before, trainTexts.slice(i, i + 64), 8);
};
const trainAfter = () => embedTexts(after, trainTexts, { maxChunksPerText: 8 });
const evalBefore = async () => {
  const c = new HeadClassifier(before, head);
  for (let i = 0; i < evalTexts.length; i += 64) await c.analyze(evalTexts.slice(i, i + 64));
};
const evalAfter = async () => {
  const c = new HeadClassifier(after, head);
  const batches: string[][] = [];
  for (let i = 0; i < evalTexts.length; i += 128) batches.push(evalTexts.slice(i, i + 128));
  let next = 0;
  const lane = async () => {
    for (let b = next++; b < batches.length; b = next++) await c.analyze(batches[b]!);
  };
  await Promise.all([lane(), lane()]);
};

// Warm both encoders.
await after.embedChunks(trainTexts.slice(0, 16));
const results: Record<string, number[]> = { trainBefore: [], trainAfter: [], evalBefore: [], evalAfter: [] };
for (let round = 0; round < 2; round++) {
  results.trainBefore!.push(await time(trainBefore));
  results.trainAfter!.push(await time(trainAfter));
  results.evalBefore!.push(await time(evalBefore));
  results.evalAfter!.push(await time(evalAfter));
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const rate = (n: number, xs: number[]) => Math.round((n * xs.length * 10) / sum(xs)) / 10;
console.log(
  JSON.stringify(
    {
      trainTexts: trainTexts.length,
      evalPrompts: evalTexts.length,
      seconds: results,
      textsPerSecond: {
        trainBefore: rate(trainTexts.length, results.trainBefore!),
        trainAfter: rate(trainTexts.length, results.trainAfter!),
        evalBefore: rate(evalTexts.length, results.evalBefore!),
        evalAfter: rate(evalTexts.length, results.evalAfter!),
      },
      speedup: {
        train: Math.round((sum(results.trainBefore!) / sum(results.trainAfter!)) * 100) / 100,
        eval: Math.round((sum(results.evalBefore!) / sum(results.evalAfter!)) * 100) / 100,
      },
    },
    null,
    2,
  ),
);
await Promise.all(encoders.map((e) => e.dispose()));
