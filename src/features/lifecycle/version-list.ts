/** The registry's versions as listed by `GET /v1/models`: metadata, evaluation summary, live and current flags. */
import type { ModelsResponse } from '../../contracts/models.js';
import { currentVersion, listVersions, readVersionMeta, versionDir } from '../../models/registry.js';
import { readMetrics } from './metrics.js';

export async function listModelVersions(modelsDir: string, liveVersion: string): Promise<ModelsResponse> {
  const [names, current] = await Promise.all([listVersions(modelsDir), currentVersion(modelsDir).catch(() => null)]);
  const versions = await Promise.all(
    names.map(async (version) => {
      const [meta, metrics] = await Promise.all([
        readVersionMeta(modelsDir, version),
        readMetrics(versionDir(modelsDir, version)).catch(() => undefined),
      ]);
      return {
        version,
        live: version === liveVersion,
        current: version === current,
        created_at: meta.createdAt,
        encoder: { name: meta.encoder.name, weights_hash: meta.encoder.weightsHash },
        thresholds: { ...meta.thresholds },
        ...(meta.thresholdsByLength ? { thresholds_by_length: meta.thresholdsByLength } : {}),
        ...(meta.thresholdsByLanguage ? { thresholds_by_language: meta.thresholdsByLanguage } : {}),
        evaluated: metrics !== undefined,
        macro_f1: metrics
          ? { all: metrics.test.all.macroF1, en: metrics.test.en.macroF1, zh: metrics.test.zh.macroF1 }
          : null,
      };
    }),
  );
  versions.sort((a, b) => b.created_at.localeCompare(a.created_at) || a.version.localeCompare(b.version));
  return { live: liveVersion, current, versions };
}
