/**
 * Trains a prompt head end to end and writes it as a new version under models/:
 *   data (public sets + generator, split by template family) → embeddings + lexical features →
 *   lexical LR and semantic candidates (logreg, MLP) on `train` ∪ `calib` → stacker per
 *   candidate on cross-fitted logits, folds by source group (heads/cross-fit.ts) → candidate with the best validation PR-AUC kept → thresholds on `val` and the out-of-fold rows →
 *   head.json + weights.bin + data manifest + training record → evaluation on the held-out
 *   test and hard-negative sets.
 * The test and hard-negative splits take part in no decision.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ATTACK_LABELS } from '../src/labels.js';
import { writeHeadArtifact, type HeadMetadata } from '../src/models/head-artifact.js';
import { DenseNetwork, type DenseLayer } from '../src/models/heads/dense-network.js';
import type { SparseLinear } from '../src/models/heads/sparse-linear.js';
import {
  JOINT_STACK,
  LEXICAL_ONLY_STACK,
  SEMANTIC_ONLY_STACK,
  stackProbability,
  type StackerWeights,
} from '../src/models/heads/stacker.js';
import { openEncoder, DEFAULT_MODELS_DIR } from '../src/models/registry.js';
import { encoderSpecFrom } from '../src/env.js';
import { sha256 } from '../src/models/weights-integrity.js';
import { buildDataset } from './data/build.js';
import { EXTRA_FAMILY_PREFIX } from './data/split.js';
import type { Example } from './data/types.js';
import { averagePrecision } from './eval/metrics.js';
import { featurize, type ExampleFeatures } from './heads/example-features.js';
import { crossFitLogits } from './heads/cross-fit.js';
import { fitStacker, type PathLogits } from './heads/fit-stacker.js';
import { chooseThreshold } from './heads/thresholds.js';
import { errorSources } from './heads/threshold-diagnostics.js';
import { choosePrescreenThreshold, clearedShare } from './heads/prescreen-thresholds.js';
import type { PrescreenSpec } from '../src/models/heads/prescreen.js';
import { trainLexical } from './heads/train-lexical.js';
import { trainedLanguages } from './heads/trained-languages.js';
import { SemanticFitPool } from './heads/semantic-fit-pool.js';
import { mergeEnsemble } from './heads/ensemble.js';
import type { TrainConfig } from './train-config.js';
import { chooseServingPolicy, lowestThresholds, type ServedRow } from './heads/serving-policy.js';
import {
  chooseLanguageThresholds,
  languagesWithoutRealUsers,
  type LanguageThresholdChoice,
} from './heads/language-thresholds.js';
import type { LanguageCode } from '../src/util/lang.js';
import type { WindowOffsets } from '../src/models/window-aggregation.js';
import { provisionalHead, servedValidationRows } from './heads/served-validation.js';
import { headMeta } from './heads/head-meta.js';
import { windowNegatives } from './heads/window-negatives.js';

export interface TrainOptions {
  config: TrainConfig;
  modelsDir?: string;
  datasetsDir?: string;
  /** Embedding cache directory; null disables it. */
  cacheDir?: string | null;
  log?: (msg: string) => void;
}

export interface TrainResult {
  version: string;
  dir: string;
  meta: HeadMetadata;
  /** The encoder spec the head was trained on. */
  encoder: string;
}

function pathLogits(semantic: DenseNetwork, lexical: SparseLinear, f: ExampleFeatures): PathLogits {
  return { semantic: semantic.forward(f.embedding), lexical: lexical.forward(f.lexical), han: f.han };
}

function meanAp(
  stacker: StackerWeights,
  rows: readonly PathLogits[],
  feats: readonly ExampleFeatures[],
): { meanAp: number; perLabel: Record<string, number> } {
  const perLabel: Record<string, number> = {};
  ATTACK_LABELS.forEach((label, l) => {
    const probs = rows.map((r) => stackProbability(stacker, l, r.semantic[l] as number, r.lexical[l] as number, r.han));
    perLabel[label] = averagePrecision(
      probs,
      feats.map((f) => f.target[l] === 1),
    );
  });
  const values = Object.values(perLabel);
  return { meanAp: values.reduce((a, b) => a + b, 0) / values.length, perLabel };
}

function tensorsOf(layers: readonly DenseLayer[], lexical: SparseLinear): Map<string, Float32Array> {
  const tensors = new Map<string, Float32Array>();
  layers.forEach((l, i) => {
    tensors.set(`semantic.${i}.kernel`, l.kernel);
    tensors.set(`semantic.${i}.bias`, l.bias);
  });
  tensors.set('lexical.weights', lexical.weights);
  tensors.set('lexical.bias', lexical.bias);
  return tensors;
}

/**
 * Pre-screen thresholds on the same rows as the decision thresholds (validation first, then the
 * out-of-fold rows when cross-fitting), from the candidate's lexical-only stacker. The positives
 * that count are those the full model flags at its decision threshold (`jointProbs` ≥
 * `decision`): the pre-screen may clear at most `maxRecallLoss` of the attacks the model would
 * have caught. On out-of-fold rows both paths score sources they never saw, so a phrasing the
 * lexical path does not know but the semantic path catches keeps the threshold low.
 */
function choosePrescreen(
  lexicalStacker: StackerWeights,
  rows: readonly PathLogits[],
  truth: readonly ExampleFeatures[],
  jointProbs: readonly (readonly number[])[],
  decision: Record<(typeof ATTACK_LABELS)[number], number>,
  valCount: number,
  maxRecallLoss: number,
): {
  spec: PrescreenSpec;
  report: Record<string, unknown> & { clearedShare: { valBenign: number; val: number; outOfFoldBenign: number } };
} {
  const probs = ATTACK_LABELS.map((_, l) =>
    rows.map((r) => stackProbability(lexicalStacker, l, 0, r.lexical[l] as number, r.han)),
  );
  const flagged = ATTACK_LABELS.map((label, l) =>
    truth.map((f, i) => f.target[l] === 1 && (jointProbs[l]![i] as number) >= decision[label]),
  );
  const perLabel = ATTACK_LABELS.map((_, l) =>
    choosePrescreenThreshold(probs[l] as number[], flagged[l] as boolean[], maxRecallLoss),
  );
  const thresholds = perLabel.map((c) => c.threshold);
  const isBenign = (i: number) => (truth[i] as ExampleFeatures).target.every((t) => t === 0);
  const valRows = Array.from({ length: valCount }, (_, i) => i);
  const valBenign = valRows.filter(isBenign);
  const oofBenign = Array.from({ length: truth.length - valCount }, (_, k) => valCount + k).filter(isBenign);
  return {
    spec: {
      stacker: { ...lexicalStacker, features: [...lexicalStacker.features] },
      thresholds: Object.fromEntries(
        ATTACK_LABELS.map((label, l) => [label, thresholds[l] as number]),
      ) as PrescreenSpec['thresholds'],
      maxRecallLoss,
    },
    report: {
      perLabel: Object.fromEntries(ATTACK_LABELS.map((label, l) => [label, perLabel[l]])),
      clearedShare: {
        valBenign: clearedShare(probs, thresholds, valBenign),
        val: clearedShare(probs, thresholds, valRows),
        outOfFoldBenign: clearedShare(probs, thresholds, oofBenign),
      },
    },
  };
}

/**
 * Thresholds of their own for the trained languages that have no real user prompts in validation
 * (heads/language-thresholds.ts); none when the config turns them off.
 */
function languageThresholdsOf(
  served: readonly ServedRow[],
  offsets: WindowOffsets,
  start: Record<(typeof ATTACK_LABELS)[number], number>,
  trained: readonly LanguageCode[],
  config: TrainConfig,
  log: (m: string) => void,
): LanguageThresholdChoice {
  const opts = config.languageThresholds;
  if (opts === null)
    return {
      thresholds: {},
      report: { languages: [], chosen: null, before: {}, after: {}, reason: 'off (languageThresholds: null)' },
    };
  const languages = languagesWithoutRealUsers(served, trained);
  const choice = chooseLanguageThresholds(served, offsets, start, { languages, ...opts });
  log(
    `thresholds for ${languages.join(', ') || 'no language'}: ${JSON.stringify(choice.report.chosen)}${choice.report.reason ? ` (${choice.report.reason})` : ''}`,
  );
  return choice;
}

export async function trainHead(opts: TrainOptions): Promise<TrainResult> {
  const { config } = opts;
  const log = opts.log ?? ((m: string) => console.error(m));
  const started = Date.now();
  const { examples, manifest } = await buildDataset({
    datasetsDir: opts.datasetsDir,
    seed: config.seed,
    writtenSets: config.writtenSets,
    ...(config.feedback !== undefined ? { feedbackFile: config.feedback } : {}),
  });
  const bySplit = (s: Example['split']) => examples.filter((e) => e.split === s);
  const [trainPrompts, val, calib] = [bySplit('train'), bySplit('val'), bySplit('calib')];

  const encoderSpec = config.encoder ?? encoderSpecFrom();
  log(`encoder ${encoderSpec}`);
  // One encoder thread per core while embedding; stopped before fitting takes the cores.
  const encoder = await openEncoder(encoderSpec, os.availableParallelism());
  const windowExamples = windowNegatives(trainPrompts, encoder, config.windowNegativesPerPrompt);
  const train = [...trainPrompts, ...windowExamples];
  log(
    `data: ${trainPrompts.length} train (+${windowExamples.length} fine windows of long benign prompts), ${val.length} val, ${calib.length} calib (test and hardneg untouched)`,
  );
  const featOpts = {
    encoder,
    buckets: config.lexical.buckets,
    cacheDir: opts.cacheDir === undefined ? '.cache/embeddings' : opts.cacheDir,
    maxChunksPerText: config.maxChunksPerPrompt,
    log,
  };
  const encoderId = { name: encoder.name, weightsHash: encoder.weightsHash };
  let feats: ExampleFeatures[];
  try {
    feats = await featurize([...train, ...val, ...calib], featOpts);
  } finally {
    await encoder.dispose();
  }
  const fTrain = feats.slice(0, train.length);
  const fVal = feats.slice(train.length, train.length + val.length);
  // Validation core: the val rows outside the train-side `x-` families. Their split never moves
  // when x- families are added, so this number compares runs on different data like for like.
  const coreVal = val.flatMap((e, i) => (e.family.startsWith(EXTRA_FAMILY_PREFIX) ? [] : [i]));
  const fCalib = feats.slice(train.length + val.length);
  const embedSeconds = (Date.now() - started) / 1000;

  // Paths are fit on train ∪ calib. The stacker is fit either on cross-fitted logits of that same
  // data (folds by source group, see heads/cross-fit.ts) or, with stackFolds = 0, on the calib
  // split's logits from paths trained on train alone.
  const crossFit = config.stackFolds >= 2;
  const pathData = crossFit ? [...train, ...calib] : train;
  const fPath = crossFit ? [...fTrain, ...fCalib] : fTrain;
  const lexicalOf = (rows: readonly ExampleFeatures[]) =>
    trainLexical(
      rows.map((f) => f.lexical),
      rows.map((f) => f.target),
      config.lexical.buckets,
      { ...config.lexical, seed: config.seed },
    );
  log(`training lexical path on ${fPath.length} examples`);
  const lexical = lexicalOf(fPath);
  const foldLexical = new Map<number, SparseLinear>();

  // Every semantic fit (each kind on all the data and on each fold's complement) runs on the
  // fit pool's threads; fits are deterministic, so the result does not depend on the thread count.
  const pool = SemanticFitPool.start(
    fPath.map((f) => f.embedding),
    fPath.map((f) => f.target),
    config.fitThreads ?? os.availableParallelism(),
  );
  const rowOf = new Map(fPath.map((f, i) => [f, i]));
  const fitStarted = Date.now();
  let candidates;
  try {
    candidates = await Promise.all(
      config.semanticKinds.map(async (kind) => {
        const { members, ...fitConfig } = config.semantic[kind];
        // Member m is seeded seed + 7919·m (member 0: the single network of `members: 1`).
        const semanticOf = async (rows: readonly ExampleFeatures[]) => {
          const ids = rows.map((r) => rowOf.get(r) as number);
          return mergeEnsemble(
            await Promise.all(
              Array.from({ length: members }, (_, m) =>
                pool.fit(ids, { kind, ...fitConfig, seed: config.seed + 7919 * m }),
              ),
            ),
          );
        };
        log(`training semantic path: ${kind}`);
        const full = semanticOf(fPath);
        let stackRows: PathLogits[] | undefined;
        let stackTargets: number[][] | undefined;
        if (crossFit) {
          log(`  ${kind}: cross-fitting ${config.stackFolds} folds by source group for the stacker`);
          const oof = await crossFitLogits(
            pathData,
            fPath,
            config.stackFolds,
            {
              lexical: (rows, fold) => {
                const cached = foldLexical.get(fold) ?? lexicalOf(rows);
                foldLexical.set(fold, cached);
                return cached;
              },
              semantic: (rows) => semanticOf(rows),
            },
            log,
          );
          stackRows = oof.logits;
          stackTargets = fPath.map((f) => f.target);
        }
        const layers = await full;
        const net = new DenseNetwork(layers);
        if (!crossFit) {
          stackRows = fCalib.map((f) => pathLogits(net, lexical, f));
          stackTargets = fCalib.map((f) => f.target);
        }
        const rowsForStack = stackRows as PathLogits[];
        const targetsForStack = stackTargets as number[][];
        const valRows = fVal.map((f) => pathLogits(net, lexical, f));
        const stackers = {
          joint: fitStacker(JOINT_STACK, rowsForStack, targetsForStack),
          semantic: fitStacker(SEMANTIC_ONLY_STACK, rowsForStack, targetsForStack),
          lexical: fitStacker(LEXICAL_ONLY_STACK, rowsForStack, targetsForStack),
        };
        const validation = {
          joint: meanAp(stackers.joint, valRows, fVal),
          semantic: meanAp(stackers.semantic, valRows, fVal),
          lexical: meanAp(stackers.lexical, valRows, fVal),
          // The same on the validation core (report only, not a selection criterion).
          jointCore: meanAp(
            stackers.joint,
            coreVal.map((i) => valRows[i] as PathLogits),
            coreVal.map((i) => fVal[i] as ExampleFeatures),
          ),
        };
        log(
          `  ${kind}: val mean PR-AUC: joint ${validation.joint.meanAp.toFixed(4)}, semantic ${validation.semantic.meanAp.toFixed(4)}, lexical ${validation.lexical.meanAp.toFixed(4)}; joint on the validation core ${validation.jointCore.meanAp.toFixed(4)}`,
        );
        return { kind, layers, net, stackers, validation, valRows, stackRows: rowsForStack };
      }),
    );
  } finally {
    await pool.dispose();
  }
  const fitSeconds = (Date.now() - fitStarted) / 1000;
  const best = candidates.reduce((a, b) => (b.validation.joint.meanAp > a.validation.joint.meanAp ? b : a));
  log(`kept semantic kind ${best.kind}`);

  // Thresholds are chosen where scores behave as on unseen sources: on the validation split and,
  // when cross-fitting, also on the out-of-fold rows (each scored by paths that never saw its source).
  const rows = crossFit ? [...best.valRows, ...best.stackRows] : best.valRows;
  const truth = crossFit ? [...fVal, ...fPath] : fVal;
  const hard = crossFit ? [...val, ...pathData] : val;
  const jointProbs = ATTACK_LABELS.map((_, l) =>
    rows.map((r) => stackProbability(best.stackers.joint, l, r.semantic[l] as number, r.lexical[l] as number, r.han)),
  );
  const thresholds = {} as Record<(typeof ATTACK_LABELS)[number], number>;
  const thresholdReport: Record<string, unknown> = {};
  ATTACK_LABELS.forEach((label, l) => {
    const choice = chooseThreshold(
      jointProbs[l] as number[],
      truth.map((f) => f.target[l] === 1),
      hard.map((e) => e.hardNegative),
      config.maxHardNegativeFpr,
    );
    thresholds[label] = choice.threshold;
    const positive = truth.map((f) => f.target[l] === 1);
    thresholdReport[label] = {
      ...choice,
      errorSources: {
        atThreshold: errorSources(jointProbs[l] as number[], positive, hard, choice.threshold),
        atMidpoint: errorSources(jointProbs[l] as number[], positive, hard, 0.5),
      },
    };
  });

  // Window offsets and thresholds by policy, on validation prompts scored as the service scores them.
  const provisional = provisionalHead(encoderId, config, tensorsOf(best.layers, lexical), best, thresholds);
  const valProbs = fVal.map((_, i) => ATTACK_LABELS.map((_, l) => (jointProbs[l] as number[])[i] as number));
  const served = await servedValidationRows(val, valProbs, provisional, encoderSpec, opts.cacheDir, log);
  if (opts.cacheDir) {
    // The policy's inputs, kept beside the embedding cache so a policy change can be studied offline.
    await mkdir(opts.cacheDir, { recursive: true });
    await writeFile(
      path.join(opts.cacheDir, 'served-validation.json'),
      JSON.stringify({ start: thresholds, rows: served }),
    );
  }
  const policy = chooseServingPolicy(served, thresholds, {
    targetFpr: config.realBenignFprTarget,
    ...(config.realBenignFprSignificance > 0 ? { significance: config.realBenignFprSignificance } : {}),
    minGroup: 30,
    maxThreshold: 0.99,
    maxWindowRecallLoss: config.maxWindowRecallLoss,
    byLength: config.thresholdsByLength,
  });
  log(
    `window offsets ${JSON.stringify(policy.offsets)}; thresholds by policy ${JSON.stringify(policy.thresholds)} (from ${JSON.stringify(thresholds)}); mean validation recall ${(policy.report.meanValidationRecall as number).toFixed(3)}`,
  );
  // The lowest of the buckets' thresholds stand for the head where one set is read (the pre-screen
  // below keeps the recall at them); each prompt is held to its own bucket's (thresholdsByLength).
  Object.assign(thresholds, lowestThresholds(policy.thresholds));
  const thresholdsByLength = config.thresholdsByLength ? policy.thresholds : undefined;
  const languages = trainedLanguages([...trainPrompts, ...val, ...calib]);
  const byLanguage = languageThresholdsOf(served, policy.offsets, thresholds, languages, config, log);
  const thresholdsByLanguage = Object.keys(byLanguage.thresholds).length > 0 ? byLanguage.thresholds : undefined;

  const prescreen = choosePrescreen(
    best.stackers.lexical,
    rows,
    truth,
    jointProbs,
    thresholds,
    fVal.length,
    config.prescreenMaxRecallLoss,
  );
  const cleared = prescreen.report.clearedShare;
  log(
    `pre-screen clears ${(cleared.valBenign * 100).toFixed(1)}% of validation and ${(cleared.outOfFoldBenign * 100).toFixed(1)}% of out-of-fold benign prompts`,
  );

  const tensors = tensorsOf(best.layers, lexical);
  // The version names everything that decides a score: weights, stacker and thresholds.
  const contentHash = sha256(
    Buffer.concat([
      ...[...tensors.values()].map((t) => Buffer.from(t.buffer, t.byteOffset, t.byteLength)),
      Buffer.from(
        JSON.stringify({
          stacker: best.stackers.joint,
          thresholds,
          ...(thresholdsByLength ? { thresholdsByLength } : {}),
          ...(thresholdsByLanguage ? { thresholdsByLanguage } : {}),
          maxChunks: config.maxChunksPerPrompt,
          windowOffset: policy.offsets,
          prescreen: prescreen.spec,
        }),
      ),
    ]),
  );
  const version = `head-${contentHash.slice(0, 10)}`;
  const modelsDir = path.resolve(opts.modelsDir ?? DEFAULT_MODELS_DIR);
  const dir = path.join(modelsDir, version);
  const meta = await writeHeadArtifact(
    dir,
    {
      ...headMeta(version, new Date().toISOString(), encoderId, config, best, thresholds),
      ...(thresholdsByLength ? { thresholdsByLength } : {}),
      ...(thresholdsByLanguage ? { thresholdsByLanguage } : {}),
      inference: { maxChunksPerPrompt: config.maxChunksPerPrompt, windowOffset: policy.offsets },
      prescreen: prescreen.spec,
      languages,
      training: {
        seed: config.seed,
        config: { ...config, encoder: encoderSpec },
        dataManifest: 'data-manifest.json',
        dataSha256: manifest.sha256,
        ablationStackers: { semantic: best.stackers.semantic, lexical: best.stackers.lexical },
      },
    },
    tensors,
  );
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'data-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const record = {
    version,
    seconds: { embedding: embedSeconds, fitting: fitSeconds, total: (Date.now() - started) / 1000 },
    candidates: candidates.map((c) => ({ kind: c.kind, validation: c.validation })),
    kept: best.kind,
    thresholds: thresholdReport,
    servingPolicy: policy.report,
    languageThresholds: byLanguage.report,
    prescreen: prescreen.report,
  };
  await writeFile(path.join(dir, 'training-record.json'), `${JSON.stringify(record, null, 2)}\n`);
  log(`wrote ${dir} in ${record.seconds.total.toFixed(0)} s`);
  return { version, dir, meta, encoder: encoderSpec };
}
