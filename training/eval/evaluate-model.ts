/** Evaluates a head version and writes every report: eval.json and predictions (evaluate.ts), then EVAL.md (report-markdown.ts). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveVersion } from '../../src/models/registry.js';
import { scoreEvalSet, type EvalReport, type EvaluateOptions } from './evaluate.js';
import { renderMarkdown } from './report-markdown.js';

export async function evaluateModel(opts: EvaluateOptions = {}): Promise<EvalReport> {
  const { modelsDir, version } = await resolveVersion(opts);
  const report = await scoreEvalSet({ ...opts, modelsDir, version });
  await writeFile(path.join(modelsDir, version, 'EVAL.md'), renderMarkdown(report));
  return report;
}
