/**
 * Model lifecycle on real heads: evaluation writes predictions, metrics and a model card; the
 * promotion gate refuses a deliberately worse head (the shipped head with its lexical path
 * zeroed: real weights, real inference, measurably worse) and accepts an equal one; a forced
 * promotion records its reason and is announced on Redis.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { compareVersions, familyShifts } from '../src/features/lifecycle/compare.js';
import type { Prediction } from '../src/features/lifecycle/predictions.js';
import { readMetrics, type ModelMetrics } from '../src/features/lifecycle/metrics.js';
import { ModelEvent } from '../src/features/lifecycle/model-events.js';
import { readPredictions } from '../src/features/lifecycle/predictions.js';
import { promotionGate } from '../src/features/lifecycle/promotion-gate.js';
import { writeVersionDocs } from '../src/features/lifecycle/version-docs.js';
import { CLASSES } from '../src/labels.js';
import { currentVersion, disposeModels } from '../src/models/registry.js';
import { evaluateModel } from '../training/eval/evaluate-model.js';
import type { WrittenReport } from '../training/eval/written-report.js';
import { writtenProbe } from '../training/data/written.js';
import type { Example } from '../training/data/types.js';
import { connect, REDIS_URL } from './helpers/accounts.js';
import { fixtureExamples, tempRegistry, writeVariant } from './helpers/lifecycle.js';

const WORSE = 'head-test-no-lexical';
const EQUAL = 'head-test-copy';

let registry: Awaited<ReturnType<typeof tempRegistry>>;
let channel: string;
let subscriber: Redis;
const received: unknown[] = [];

async function cli(...args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const env = {
    ...process.env,
    REDIS_URL,
    DISTILL_GUARD_MODELS_DIR: registry.dir,
    MODEL_CHANNEL: channel,
    USER: 'lifecycle-test',
  };
  const code = await main(['node', 'distill-guard', ...args], { stdout, stderr, env });
  return { code, out, err };
}

/** Two prompts of each class and language from the committed hand-written probe. */
function probeSample(): Example[] {
  const { examples } = writtenProbe();
  return CLASSES.flatMap((label) =>
    (['en', 'zh'] as const).flatMap((lang) =>
      examples
        .filter((e) => e.label === label && e.lang === lang && (label !== 'benign' || e.hardNegative))
        .slice(0, 2),
    ),
  );
}

async function evaluate(version: string): Promise<ModelMetrics> {
  await evaluateModel({
    modelsDir: registry.dir,
    version,
    examples: await fixtureExamples(),
    probe: probeSample(),
    cacheDir: null,
    log: () => {},
  });
  const { metrics } = await writeVersionDocs(registry.dir, version);
  if (!metrics) throw new Error('no metrics written');
  return metrics;
}

let live: ModelMetrics;
let worse: ModelMetrics;

beforeAll(async () => {
  registry = await tempRegistry();
  channel = `dgtest-models-${randomBytes(4).toString('hex')}`;
  subscriber = await connect();
  await subscriber.subscribe(channel);
  subscriber.on('message', (_ch: string, msg: string) => received.push(JSON.parse(msg)));
  const from = path.join(registry.dir, registry.live);
  await writeVariant(registry.dir, from, WORSE, (tensors) => tensors.get('lexical.weights')!.fill(0));
  await writeVariant(registry.dir, from, EQUAL, () => {});
  live = await evaluate(registry.live);
  worse = await evaluate(WORSE);
  await evaluate(EQUAL);
}, 300_000);

afterAll(async () => {
  await subscriber?.quit();
  await disposeModels();
  await registry?.remove();
});

describe('evaluation documents', () => {
  it('writes predictions without text, metrics per label and language, and a model card', async () => {
    const dir = path.join(registry.dir, registry.live);
    const predictions = (await readPredictions(dir))!;
    const examples = await fixtureExamples();
    expect(predictions.map((p) => p.id)).toEqual(examples.map((e) => e.id));
    const raw = await readFile(path.join(dir, 'predictions.jsonl'), 'utf8');
    for (const e of examples) expect(raw).not.toContain(e.text);
    // The shipped head labels most of these plain fixture prompts right.
    const right = predictions.filter((p) => p.predicted === p.label).length;
    expect(right / predictions.length).toBeGreaterThan(0.7);
    expect(live.test.all.n).toBe(48);
    expect(live.test.zh.n).toBe(24);
    expect(Object.keys(live.hardNegatives)).toEqual(['fixture-hardneg']);
    expect(live.hardNegatives['fixture-hardneg']!.n).toBe(8);
    const card = await readFile(path.join(dir, 'MODEL_CARD.md'), 'utf8');
    for (const heading of ['## Intended use', '## Labels', '## Data', '## Training', '## Metrics', '## Known limits'])
      expect(card).toContain(heading);
    expect(card).toContain('Analyst feedback items included: 0');
    expect(card).toContain(`| rubric_grading | zh | ${live.test.zh.perLabel.rubric_grading.precision.toFixed(3)}`);
    expect(card).toContain('| fixture-hardneg | 8 |');
  });

  it('reports the hand-written probe apart from the test set, in eval.json, EVAL.md and the model card', async () => {
    const dir = path.join(registry.dir, registry.live);
    const report = JSON.parse(await readFile(path.join(dir, 'eval.json'), 'utf8')) as {
      test: { all: { n: number } };
      written: WrittenReport;
    };
    const w = report.written;
    expect(report.test.all.n).toBe(48);
    expect(w.n).toBe(16);
    expect([w.test.en.n, w.test.zh.n]).toEqual([8, 8]);
    expect(w.hardNegatives.all).toMatchObject({ n: 4 });
    expect(w.hardNegatives.all.fpr).toBeCloseTo(w.hardNegatives.all.flagged / 4, 10);
    const right = w.test.all.confusion.matrix.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
    expect(w.weakFamilies.reduce((sum, f) => sum + f.n - f.correct, 0)).toBe(16 - right);
    expect(w.scenarios.shared.report.n + w.scenarios.new.report.n).toBe(16);
    expect(w.scenarios.shared.families + w.scenarios.new.families).toBe(
      new Set(probeSample().map((e) => e.family)).size,
    );
    const ratios = w.weakFamilies.map((f) => f.correct / f.n);
    expect([...ratios].sort((x, y) => x - y)).toEqual(ratios);
    expect(await readFile(path.join(dir, 'EVAL.md'), 'utf8')).toContain('## Hand-written probe: 16 prompts');
    const card = await readFile(path.join(dir, 'MODEL_CARD.md'), 'utf8');
    expect(card).toContain(
      `Hand-written probe (16 prompts written apart from the training data, report only; EVAL.md): macro-F1 all ${w.test.all.macroF1.toFixed(3)}`,
    );
  });

  it('the zeroed-lexical head is really worse, and compare lists the prompts it broke', async () => {
    expect(worse.test.all.macroF1).toBeLessThan(live.test.all.macroF1 - 0.05);
    const a = { version: WORSE, metrics: worse, predictions: (await readPredictions(path.join(registry.dir, WORSE)))! };
    const b = {
      version: registry.live,
      metrics: live,
      predictions: (await readPredictions(path.join(registry.dir, registry.live)))!,
    };
    const c = compareVersions(a, b);
    expect(c.counts.compared).toBe(56);
    expect(c.counts.broken).toBeGreaterThan(0);
    expect(c.changed[0]!.kind).toBe('broken');
    for (const p of c.changed) expect(p.a).not.toBe(p.b);
    const macro = c.rows.find((r) => r.metric === 'macro-F1 (all)')!;
    expect(macro.delta).toBeCloseTo(worse.test.all.macroF1 - live.test.all.macroF1, 10);
    // Per family, the move in correct predictions is fixed minus broken among its changed prompts.
    expect(c.families.length).toBeGreaterThan(0);
    for (const f of c.families) {
      const mine = c.changed.filter((p) => p.id.startsWith(`${f.family}/`));
      expect(f.correctA - f.correctB).toBe(
        mine.filter((p) => p.kind === 'fixed').length - mine.filter((p) => p.kind === 'broken').length,
      );
    }
  });

  it('groups changed predictions by template family, largest move first', () => {
    const p = (id: string, label: Prediction['label'], predicted: Prediction['label']): Prediction => ({
      id,
      split: 'test',
      label,
      source: id.split('/')[0]!,
      lang: 'en',
      hardNegative: false,
      predicted,
      probs: [0, 0, 0],
    });
    const b = [
      p('gen:x/fam-a/0', 'rubric_grading', 'rubric_grading'),
      p('gen:x/fam-a/1', 'rubric_grading', 'rubric_grading'),
      p('gen:x/fam-a/2', 'rubric_grading', 'rubric_grading'),
      p('gen:x/fam-b/0', 'censorship_rewrite', 'benign'),
      p('gen:x/fam-b/1', 'censorship_rewrite', 'censorship_rewrite'),
      p('pub/fam-c/0', 'benign', 'benign'),
    ];
    const a = [
      p('gen:x/fam-a/0', 'rubric_grading', 'benign'),
      p('gen:x/fam-a/1', 'rubric_grading', 'benign'),
      p('gen:x/fam-a/2', 'rubric_grading', 'rubric_grading'),
      p('gen:x/fam-b/0', 'censorship_rewrite', 'censorship_rewrite'),
      p('gen:x/fam-b/1', 'censorship_rewrite', 'censorship_rewrite'),
      p('pub/fam-c/0', 'benign', 'benign'),
    ];
    expect(familyShifts(a, b)).toEqual([
      { family: 'gen:x/fam-a', label: 'rubric_grading', n: 3, correctA: 1, correctB: 3 },
      { family: 'gen:x/fam-b', label: 'censorship_rewrite', n: 2, correctA: 2, correctB: 1 },
    ]);
  });
});

describe('distill-guard promote', () => {
  it('refuses the worse candidate, naming the regressions, and leaves current.json alone', async () => {
    const gate = promotionGate(worse, live);
    expect(gate.passed).toBe(false);
    const res = await cli('promote', WORSE);
    expect(res.code).toBe(3);
    expect(res.err).toContain(`refusing to promote ${WORSE}`);
    for (const r of gate.regressions) expect(res.err).toContain(r.metric);
    expect(await currentVersion(registry.dir)).toBe(registry.live);
    await expect(readFile(path.join(registry.dir, 'promotions.jsonl'), 'utf8')).rejects.toThrow();
  });

  it('refuses an unevaluated version, and --force without --reason', async () => {
    await writeVariant(registry.dir, path.join(registry.dir, registry.live), 'head-test-unevaluated', () => {});
    const unevaluated = await cli('promote', 'head-test-unevaluated');
    expect(unevaluated.code).toBe(3);
    expect(unevaluated.err).toContain('has not been evaluated');
    const noReason = await cli('promote', WORSE, '--force');
    expect(noReason.code).toBe(2);
    expect(await currentVersion(registry.dir)).toBe(registry.live);
  });

  it('a wide enough tolerance lets it through; an equal head passes and is announced on Redis', async () => {
    const res = await cli('promote', EQUAL);
    expect(res.code).toBe(0);
    expect(res.err).toContain('gate passed');
    expect(res.err).toContain('1 subscriber');
    expect(await currentVersion(registry.dir)).toBe(EQUAL);
    await expect.poll(() => received.length).toBe(1);
    expect(ModelEvent.parse(received[0])).toMatchObject({ type: 'promoted', version: EQUAL, previous: registry.live });
    expect(promotionGate(worse, live, 1).passed).toBe(true);
  });

  it('--force --reason promotes the worse head and records who, why and which checks failed', async () => {
    const res = await cli('promote', WORSE, '--force', '--reason', 'test: accepted on purpose');
    expect(res.code).toBe(0);
    expect(res.err).toContain('forced past the gate');
    expect(await currentVersion(registry.dir)).toBe(WORSE);
    const log = (await readFile(path.join(registry.dir, 'promotions.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({
      version: WORSE,
      previous: EQUAL,
      forced: true,
      reason: 'test: accepted on purpose',
      by: 'lifecycle-test',
    });
    expect((log[1]!.regressions as unknown[]).length).toBe(
      promotionGate(worse, (await readMetrics(path.join(registry.dir, EQUAL)))!).regressions.length,
    );
    const own = await readFile(path.join(registry.dir, WORSE, 'promotions.jsonl'), 'utf8');
    expect(JSON.parse(own.trim())).toEqual(log[1]);
    const again = await cli('promote', WORSE);
    expect(again.code).toBe(0);
    expect(again.err).toContain('already the current version');
  });
});
