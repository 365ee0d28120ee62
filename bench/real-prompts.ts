/**
 * The real-prompt mix for benchmarks: distinct prompts read at run time from the public datasets
 * (the real-prompt bundle: user prompts by pool, judge and reasoning templates), interleaved by
 * source and sampled deterministically. Nothing from the datasets is stored in the repository.
 */
import { loadDatasets } from '../training/redteam/lib/datasets.js';
import { resolveDatasetsDir } from '../training/data/io.js';

export function realPrompts(count = 2000, datasetsDir?: string): string[] {
  const data = loadDatasets(resolveDatasetsDir(datasetsDir));
  const sources = [...Object.values(data.pools), data.judges.map((t) => t.text), data.reasoning.map((t) => t.text)].map(
    (s) => [...new Set(s)],
  );
  const seen = new Set<string>();
  const out: string[] = [];
  // Round robin over sources, so every source is in the mix whatever `count` is.
  for (let i = 0; out.length < count && sources.some((s) => i < s.length); i++) {
    for (const source of sources) {
      const p = source[i];
      if (p === undefined || seen.has(p) || out.length >= count) continue;
      seen.add(p);
      out.push(p);
    }
  }
  return out;
}

/**
 * A template-heavy mix: a few real judge templates used as system prompts, each followed by a
 * distinct real user prompt (how a gateway sends one system prompt with every request).
 */
export function templateHeavyPrompts(count = 400, templates = 4, datasetsDir?: string): string[] {
  const data = loadDatasets(resolveDatasetsDir(datasetsDir));
  const systems = data.judges
    .map((t) => t.text)
    .filter((t) => t.length > 800)
    .slice(0, templates);
  const users = realPrompts(count, datasetsDir).filter((p) => p.length < 400);
  return users.slice(0, count).map((u, i) => `${systems[i % systems.length]}\n\n${u}`);
}
