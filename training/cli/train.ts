import type { Command } from 'commander';
import { loadTrainConfig } from '../train-config.js';
import { trainHead } from '../train.js';
import { loadEnv } from '../../src/env.js';
import { positiveInt, type CliContext } from '../../src/cli/context.js';
import { DEFAULT_TOLERANCE } from '../../src/features/lifecycle/promotion-gate.js';
import { writeVersionDocs } from '../../src/features/lifecycle/version-docs.js';
import { evaluateAndDocument } from './evaluate-version.js';
import { runPromotion } from '../../src/cli/promote.js';
import { currentVersion } from '../../src/models/registry.js';

const HELP = `
Builds the training data (public sets under DISTILL_GUARD_DATASETS_DIR, default ../shared/datasets/public,
plus the committed generator), trains a new head version under the models directory, and evaluates it on
the fixed evaluation set (models/<version>/EVAL.md, metrics.json, MODEL_CARD.md). Deterministic for a
given seed and data. The new version is a candidate: it is not live until \`distill-guard promote\`
(or --promote, which goes through the same gate).

Examples:
  $ distill-guard train
  $ distill-guard train --seed 7 --config training/configs/default.json --promote
`;

export function registerTrain(program: Command, ctx: CliContext): void {
  program
    .command('train')
    .description('Train a new prompt-head version, then evaluate it.')
    .option('--config <file>', 'training configuration JSON (defaults for every missing field)')
    .option('--seed <n>', 'seed for data generation and training', positiveInt)
    .option('--datasets-dir <dir>', 'public datasets directory')
    .option('--no-cache', 'do not use the embedding cache (.cache/embeddings)')
    .option('--no-eval', 'skip the evaluation after training')
    .option('--promote', 'promote the new version if the promotion gate passes (see distill-guard promote --help)')
    .option('--feedback <file>', 'add analyst feedback (distill-guard feedback export) to the train split')
    .addHelpText('after', HELP)
    .action(
      async (opts: {
        config?: string;
        seed?: number;
        datasetsDir?: string;
        cache: boolean;
        eval: boolean;
        promote?: boolean;
        feedback?: string;
      }) => {
        const env = loadEnv(ctx.env);
        const log = (m: string) => ctx.stderr.write(`${m}\n`);
        const config = await loadTrainConfig(opts.config, {
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.feedback !== undefined ? { feedback: opts.feedback } : {}),
        });
        const started = Date.now();
        const result = await trainHead({
          config,
          modelsDir: env.DISTILL_GUARD_MODELS_DIR,
          datasetsDir: opts.datasetsDir,
          cacheDir: opts.cache ? '.cache/embeddings' : null,
          log,
        });
        if (opts.eval) {
          // The service's encoder evaluates the head, unless the head was trained on a local ONNX
          // model: then that model (the service needs DISTILL_GUARD_ENCODER set to it to serve the head).
          const encoder = result.encoder.startsWith('onnx:') ? result.encoder : undefined;
          const report = await evaluateAndDocument({
            modelsDir: env.DISTILL_GUARD_MODELS_DIR,
            version: result.version,
            datasetsDir: opts.datasetsDir,
            encoder,
            log,
          });
          log(
            `test macro-F1 ${report.test.all.macroF1.toFixed(3)} (en ${report.test.en.macroF1.toFixed(3)}, zh ${report.test.zh.macroF1.toFixed(3)})`,
          );
        } else await writeVersionDocs(env.DISTILL_GUARD_MODELS_DIR, result.version);
        log(`train${opts.eval ? ' + eval' : ''} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
        ctx.stdout.write(`${result.version}\n`);
        await ctx.disposeModels();
        if (opts.promote) await runPromotion(ctx, result.version, { tolerance: DEFAULT_TOLERANCE });
        else if ((await currentVersion(env.DISTILL_GUARD_MODELS_DIR).catch(() => undefined)) === result.version)
          log(
            `${result.version} is the live version: training reproduced it (its directory was rewritten: only timestamps and timings differ)`,
          );
        else
          log(
            `candidate ${result.version} (not live): distill-guard compare --model ${result.version}; distill-guard promote ${result.version}`,
          );
      },
    );
}
