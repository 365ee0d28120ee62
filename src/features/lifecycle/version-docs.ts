/**
 * Writes a version's derived documents from what its directory holds: `metrics.json` (from
 * `eval.json`, when evaluated) and `MODEL_CARD.md`. Run after training and after every evaluation.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readVersionMeta, versionDir } from '../../models/registry.js';
import { metricsFromEval, writeMetrics, type EvalReportLike, type ModelMetrics } from './metrics.js';
import {
  renderModelCard,
  type DataManifestLike,
  type OtherLanguageProbe,
  type TrainingRecordLike,
  type WrittenProbeLike,
} from './model-card.js';

export const MODEL_CARD_FILE = 'MODEL_CARD.md';

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function writeVersionDocs(
  modelsDir: string,
  version: string,
): Promise<{ card: string; metrics?: ModelMetrics }> {
  const dir = versionDir(modelsDir, version);
  const meta = await readVersionMeta(modelsDir, version);
  const [manifest, record, report] = await Promise.all([
    readJson<DataManifestLike>(path.join(dir, 'data-manifest.json')),
    readJson<TrainingRecordLike>(path.join(dir, 'training-record.json')),
    readJson<EvalReportLike & { otherLanguages?: OtherLanguageProbe[]; written?: WrittenProbeLike | null }>(
      path.join(dir, 'eval.json'),
    ),
  ]);
  const metrics = report ? metricsFromEval(report) : undefined;
  if (metrics) await writeMetrics(dir, metrics);
  const card = renderModelCard({
    meta,
    ...(manifest ? { manifest } : {}),
    ...(record ? { record } : {}),
    ...(metrics ? { metrics } : {}),
    ...(report?.otherLanguages ? { otherLanguages: report.otherLanguages } : {}),
    ...(report?.written ? { written: report.written } : {}),
  });
  const file = path.join(dir, MODEL_CARD_FILE);
  await writeFile(file, card);
  return { card: file, ...(metrics ? { metrics } : {}) };
}
