/** Evaluation of a version followed by its derived documents (metrics.json, MODEL_CARD.md): shared by train, eval and compare. */
import type { EvalReport } from '../eval/evaluate.js';
import { evaluateModel } from '../eval/evaluate-model.js';
import { writeVersionDocs } from '../../src/features/lifecycle/version-docs.js';

export async function evaluateAndDocument(opts: {
  modelsDir: string;
  version: string;
  datasetsDir?: string | undefined;
  encoder?: string | undefined;
  log: (m: string) => void;
}): Promise<EvalReport> {
  const report = await evaluateModel({
    modelsDir: opts.modelsDir,
    version: opts.version,
    datasetsDir: opts.datasetsDir,
    log: opts.log,
    ...(opts.encoder !== undefined ? { encoder: opts.encoder } : {}),
  });
  const docs = await writeVersionDocs(opts.modelsDir, report.model);
  opts.log(`wrote ${docs.card}`);
  return report;
}
