/**
 * Evaluates a head version on the fixed evaluation set (held-out test families + hard-negative
 * sources), through the same inference path the service uses, and writes `eval.json` and
 * `predictions.jsonl` into the model's directory (evaluate-model.ts adds `EVAL.md`). Two baselines run on the same set: a keyword/regex
 * rule set and an off-the-shelf guardrail library.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ATTACK_LABELS, type PromptClass } from '../../src/labels.js';
import type { PromptAnalysis } from '../../src/models/head-classifier.js';
import { encoderSpecFrom } from '../../src/env.js';
import { PromptHead } from '../../src/models/heads/prompt-head.js';
import { resolveVersion } from '../../src/models/registry.js';
import { openCachedClassifier, scoredOf } from './cached-classifier.js';
import { loadEvalSets } from '../data/load-eval-set.js';
import type { Example } from '../data/types.js';
import { keywordRules } from './baselines/keyword-rules.js';
import { vardFlags } from './baselines/vard-guardrail.js';
import { binaryReport, byLanguage, hardNegativeReport, perLanguage, sourceReport, type Scored } from './report.js';
import { familyBootstrap } from './family-bootstrap.js';
import { writePredictions } from '../../src/features/lifecycle/predictions.js';
import { languageReport, OTHER_LANGUAGE_PROBE } from './other-languages.js';
import { writtenLanguagesHeldOut, writtenProbe, writtenTrainingScenarios } from '../data/written.js';
import { writtenReport } from './written-report.js';
import { HELD_OUT_REAL_BENIGN_SOURCES, prCurves, realReport } from './real-report.js';

export interface EvaluateOptions {
  modelsDir?: string;
  version?: string;
  datasetsDir?: string;
  batchSize?: number;
  log?: (msg: string) => void;
  /** Examples to score instead of the fixed evaluation set (small fixtures in tests). */
  examples?: readonly Example[];
  /** With `examples`: real-prompt examples to score instead of the bundle's test split (default none). */
  realTest?: readonly Example[];
  /** Chunk-vector cache directory (default `.cache/embeddings`); null embeds every chunk afresh. */
  cacheDir?: string | null;
  /** Encoder spec (default DISTILL_GUARD_ENCODER, the service's). */
  encoder?: string;
  /**
   * The hand-written probe (data/written.ts, report only); default: the committed set `b` with
   * the fixed evaluation set, none with `examples`. null skips it.
   */
  probe?: readonly Example[] | null;
}

function argmaxAbove(probs: readonly number[], threshold: number): PromptClass {
  let best: PromptClass = 'benign';
  let bestP = threshold;
  probs.forEach((p, i) => {
    if (p >= bestP) {
      bestP = p;
      best = ATTACK_LABELS[i] as PromptClass;
    }
  });
  return best;
}

export async function scoreEvalSet(opts: EvaluateOptions = {}) {
  const log = opts.log ?? ((m: string) => console.error(m));
  const { modelsDir, version } = await resolveVersion(opts);
  const sets = opts.examples
    ? { evalSet: [...opts.examples], realTest: [...(opts.realTest ?? [])] }
    : await loadEvalSets({ datasetsDir: opts.datasetsDir });
  const examples = sets.evalSet;
  const realExamples = sets.realTest;
  const probeExamples =
    opts.probe !== undefined ? [...(opts.probe ?? [])] : opts.examples ? [] : writtenProbe().examples;
  const threads = os.availableParallelism();
  const encoder = opts.encoder ?? encoderSpecFrom();
  const cacheDir = opts.cacheDir === undefined ? '.cache/embeddings' : opts.cacheDir;
  const { classifier, cache: cached } = await openCachedClassifier({ modelsDir, version, encoder, threads, cacheDir });
  // Large batches: with exact-length batching only chunks of one token length share a graph
  // execution, so the more prompts per call, the fuller each execution.
  const batchSize = opts.batchSize ?? 1024;
  const started = Date.now();
  // Two batches in flight: the main thread plans (tokenises, chunks) the next batch while the
  // encoder threads embed the current one.
  const batches: string[][] = [];
  const toScore = [...examples, ...realExamples, ...probeExamples];
  for (let i = 0; i < toScore.length; i += batchSize) batches.push(toScore.slice(i, i + batchSize).map((e) => e.text));
  const batchResults = new Array<PromptAnalysis[]>(batches.length);
  let nextBatch = 0;
  let scoredCount = 0;
  const lane = async (): Promise<void> => {
    for (let b = nextBatch++; b < batches.length; b = nextBatch++) {
      batchResults[b] = await classifier.analyze(batches[b] as string[]);
      scoredCount += (batches[b] as string[]).length;
      log(`  scored ${scoredCount}/${toScore.length}`);
    }
  };
  await Promise.all([lane(), lane()]);
  const allAnalyses: PromptAnalysis[] = batchResults.flat();
  const analyses = allAnalyses.slice(0, examples.length);
  const seconds = (Date.now() - started) / 1000;
  if (cached) {
    await cached.save();
    log(`  chunk cache: ${cached.hits} hits, ${cached.misses} embedded`);
  }
  const scored = scoredOf(classifier, examples, analyses);
  const test = scored.filter((s) => s.example.split === 'test');
  const realEnd = examples.length + realExamples.length;
  const realScored = scoredOf(classifier, realExamples, allAnalyses.slice(examples.length, realEnd));
  const probeScored = scoredOf(classifier, probeExamples, allAnalyses.slice(realEnd));
  // Long real benign prompts: flagged on the whole prompt alone, and with the fine windows (as served).
  const realAnalyses = allAnalyses.slice(examples.length, realEnd);
  const longBenign = realExamples.flatMap((e, i) => {
    const a = realAnalyses[i] as PromptAnalysis;
    return e.label === 'benign' && a.windowCount > 1 ? [{ e, a }] : [];
  });
  const windowEffect = {
    longBenign: longBenign.length,
    flaggedWholeOnly: longBenign.filter(({ e, a }) => classifier.decide(a.wholeProbs, e.text).flagged).length,
    flaggedServed: longBenign.filter(({ e, a }) => classifier.decide(a.probs, e.text).flagged).length,
    windowOffset: classifier.head.meta.inference.windowOffset ?? null,
  };
  const heldOutRealBenign = scored.filter(
    (s) => s.example.label === 'benign' && HELD_OUT_REAL_BENIGN_SOURCES.includes(s.example.source),
  );
  const head = classifier.head;
  const ablation = (head.meta.training?.ablationStackers ?? {}) as Record<string, PromptHead['stacker']>;
  const paths: Record<string, ReturnType<typeof byLanguage>> = {};
  for (const [name, stored] of Object.entries({ joint: head.meta.stacker, ...ablation })) {
    const stacker = PromptHead.stacker(stored);
    const items = test.map((s) => {
      const a = analyses[scored.indexOf(s)] as PromptAnalysis;
      const probs = head.combine(a.whole, a.whole.han, stacker);
      return { example: s.example, probs, predicted: argmaxAbove(probs, 0.5) };
    });
    paths[name] = byLanguage(items);
  }
  const probe = (await classifier.classify(OTHER_LANGUAGE_PROBE.map((p) => p.text))).map((r, i) => ({
    ...(OTHER_LANGUAGE_PROBE[i] as (typeof OTHER_LANGUAGE_PROBE)[number]),
    predicted: r.label,
    scores: r.scores,
  }));
  // The held-out written set in languages beyond English and Chinese, through the service's own
  // path (pre-screen aside): label and `supported` as a caller sees them. Skipped with `examples`.
  const heldOutLanguages = opts.examples ? [] : writtenLanguagesHeldOut().examples;
  const languageAnswers = await classifier.classify(heldOutLanguages.map((e) => e.text));
  const languages = languageReport(
    heldOutLanguages.map((example, i) => {
      const r = languageAnswers[i] as (typeof languageAnswers)[number];
      return { example, predicted: r.label, supported: r.supported };
    }),
  );
  // The lexical pre-screen, as the request path and bulk re-scoring apply it: cleared prompts are
  // benign with the lexical path's scores; the rest keep the full model's result.
  const screen = classifier.prescreen(examples.map((e) => e.text));
  const withPrescreen: Scored[] = scored.map((s, i) => {
    const q = screen[i];
    return q ? { example: s.example, probs: ATTACK_LABELS.map((l) => q.scores[l]), predicted: 'benign' } : s;
  });
  const clearedShareOf = (keep: (e: Example) => boolean) => {
    const idx = examples.map((e, i) => (keep(e) ? i : -1)).filter((i) => i >= 0);
    return idx.length === 0 ? 0 : idx.filter((i) => screen[i] !== null).length / idx.length;
  };
  const prescreen = head.prescreen
    ? {
        thresholds: head.meta.prescreen?.thresholds,
        cleared: {
          test: clearedShareOf((e) => e.split === 'test'),
          testBenign: clearedShareOf((e) => e.split === 'test' && e.label === 'benign'),
          testAttack: clearedShareOf((e) => e.split === 'test' && e.label !== 'benign'),
          hardNegatives: clearedShareOf((e) => e.split !== 'test'),
        },
        test: byLanguage(withPrescreen.filter((s) => s.example.split === 'test')),
        hardNegatives: hardNegativeReport(
          examples,
          withPrescreen.map((s) => s.predicted),
        ),
      }
    : null;
  const rules: Scored[] = examples.map((example) => ({ example, predicted: keywordRules(example.text) }));
  const vard = examples.map((e) => vardFlags(e.text));
  const testExamples = test.map((s) => s.example);
  const report = {
    model: classifier.version,
    createdAt: new Date().toISOString(),
    evalSet: { examples: examples.length, test: test.length, hardNegativeSet: examples.length - test.length },
    realSet: { bundleTest: realExamples.length, heldOutRealBenign: heldOutRealBenign.length },
    throughput: {
      prompts: toScore.length,
      seconds,
      promptsPerSecond: toScore.length / seconds,
      chunkCache: cached ? { hits: cached.hits, embedded: cached.misses } : null,
    },
    real: { ...realReport([...realScored, ...heldOutRealBenign]), windowEffect },
    /** PR curves on the test split and the real prompts of held-out sources together. */
    prCurves: prCurves([...test, ...realScored]),
    test: byLanguage(test),
    uncertainty: perLanguage(test, (items) => familyBootstrap(items)),
    longPrompts: byLanguage(
      test.filter((_, k) => (analyses[scored.indexOf(test[k] as Scored)] as PromptAnalysis).chunks > 1),
    ),
    hardNegatives: hardNegativeReport(
      examples,
      scored.map((s) => s.predicted),
    ),
    bySource: sourceReport(test),
    written: probeScored.length === 0 ? null : writtenReport(probeScored, writtenTrainingScenarios()),
    otherLanguages: probe,
    languages,
    paths,
    prescreen,
    baselines: {
      keyword_rules: {
        test: byLanguage(rules.filter((s) => s.example.split === 'test')),
        hardNegatives: hardNegativeReport(
          examples,
          rules.map((s) => s.predicted),
        ),
      },
      vard: {
        testAnyAttack: binaryReport(
          vard.filter((_, i) => (examples[i] as Example).split === 'test'),
          testExamples,
        ),
        hardNegatives: hardNegativeReport(
          examples,
          vard.map((f) => (f ? 'flagged' : 'benign')),
        ),
      },
    },
  };
  const dir = path.join(modelsDir, version);
  await writePredictions(dir, scored);
  await writeFile(path.join(dir, 'eval.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

export type EvalReport = Awaited<ReturnType<typeof scoreEvalSet>>;
