/**
 * Red-team traffic generator: distillation campaigns and legitimate look-alike customers, written from the
 * threat model alone. Usage:
 *   npx tsx training/redteam/generate.ts --seed N --out DIR [--families a,b] [--scale 1]
 *     [--datasets ../shared/datasets/public] [--extra-families DIR]
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Registry } from './lib/accounts.js';
import { loadDatasets } from './lib/datasets.js';
import { createKit } from './lib/kit.js';
import { assemble, type FamilyRun } from './lib/output.js';
import { hash32, Rng } from './lib/rng.js';
import { DAY, HOUR, MIN } from './lib/timing.js';
import type { GatewayEvent, Models, Truth, Window } from './lib/types.js';
import type { FamilySpec } from './lib/family.js';
import { buildWorld } from './lib/world.js';
import { FAMILIES } from './registry.js';

export interface GenerateOptions {
  seed: number;
  scale?: number;
  families?: string[];
  datasets?: string;
  extraFamilies?: string[];
}

/** Default public-data folder, relative to the repository root (not to the working directory). */
export const DEFAULT_DATASETS = resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/datasets/public');

/** The window: 7 days ending at a midnight UTC derived from the seed (never the wall clock). */
export function windowFor(seed: number): Window {
  const end = Date.UTC(2026, 0, 12) + (hash32(`end:${seed}`) % 90) * DAY;
  return { start: end - 7 * DAY, end };
}

export function modelsFor(seed: number, w: Window): Models {
  const r = new Rng(`seed:${seed}/models`);
  const day = Math.floor((w.start + r.float(2, 4.5) * DAY) / DAY) * DAY;
  const release = day + r.int(15, 19) * HOUR + r.int(0, 59) * MIN;
  const d = new Date(release);
  return {
    current: 'frontier-2025-10',
    mini: 'frontier-mini-2025-08',
    next: `frontier-${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`,
    nextReleaseAt: release,
  };
}

export async function loadExtraFamilies(dir: string): Promise<FamilySpec[]> {
  const out: FamilySpec[] = [];
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(resolve(dir, f)).href)) as { spec?: FamilySpec; specs?: FamilySpec[] };
    if (mod.spec) out.push(mod.spec);
    if (mod.specs) out.push(...mod.specs);
  }
  if (out.length === 0) throw new Error(`redteam: no family modules (export const spec) found in ${dir}`);
  return out;
}

export async function generate(opts: GenerateOptions): Promise<{ events: GatewayEvent[]; truth: Truth }> {
  const seed = opts.seed;
  const scale = opts.scale ?? 1;
  const data = loadDatasets(resolve(opts.datasets ?? DEFAULT_DATASETS));
  let specs = [...FAMILIES];
  for (const dir of opts.extraFamilies ?? []) specs.push(...(await loadExtraFamilies(dir)));
  const names = new Set(specs.map((s) => s.name));
  if (names.size !== specs.length) throw new Error('redteam: two families share a name');
  if (opts.families && opts.families.length > 0) {
    const unknown = opts.families.filter((f) => !names.has(f));
    if (unknown.length)
      throw new Error(`redteam: unknown families ${unknown.join(', ')}; known: ${[...names].join(', ')}`);
    specs = specs.filter((s) => opts.families?.includes(s.name));
  }
  const window = windowFor(seed);
  const models = modelsFor(seed, window);
  const world = buildWorld(seed);
  const reg = new Registry();
  for (const c of world.companies) reg.orgIds.add(c.org);
  const kit = createKit(reg);
  const runs: FamilyRun[] = specs.map((spec) => {
    const rng = new Rng(`seed:${seed}/family:${spec.name}`);
    const res = spec.generate({
      seed,
      scale,
      window,
      span: { from: window.start, to: window.end },
      models,
      rng,
      data,
      world,
      kit,
    });
    return { spec, ...res };
  });
  const out = assemble(seed, window, runs);
  for (const f of Object.values(out.truth.families)) f.params = { ...f.params };
  return out;
}

function parseArgs(argv: string[]): GenerateOptions & { out: string; quiet: boolean } {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new Error(`redteam: unexpected argument ${a}`);
    if (a === '--quiet') {
      args.set('quiet', '1');
      continue;
    }
    args.set(a.slice(2), argv[i + 1] ?? '');
    i++;
  }
  const seed = Number(args.get('seed'));
  const out = args.get('out');
  if (!Number.isInteger(seed) || !out) {
    throw new Error(
      'usage: generate.ts --seed N --out DIR [--families a,b] [--scale 1] [--datasets DIR] [--extra-families DIR]',
    );
  }
  return {
    seed,
    out,
    quiet: args.has('quiet'),
    scale: args.has('scale') ? Number(args.get('scale')) : 1,
    ...(args.has('families') ? { families: (args.get('families') ?? '').split(',').filter(Boolean) } : {}),
    ...(args.has('datasets') ? { datasets: args.get('datasets') } : {}),
    ...(args.has('extra-families')
      ? { extraFamilies: (args.get('extra-families') ?? '').split(',').filter(Boolean) }
      : {}),
  };
}

export async function main(argv: string[]): Promise<void> {
  const opts = parseArgs(argv);
  const { events, truth } = await generate(opts);
  mkdirSync(opts.out, { recursive: true });
  writeFileSync(join(opts.out, 'history.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  writeFileSync(join(opts.out, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  if (opts.quiet) return;
  const perFamily = new Map<string, number>();
  for (const e of events) {
    const f = truth.accounts[e.account_id]?.family ?? '?';
    perFamily.set(f, (perFamily.get(f) ?? 0) + 1);
  }
  const accountsPer = new Map<string, number>();
  for (const a of Object.values(truth.accounts)) accountsPer.set(a.family, (accountsPer.get(a.family) ?? 0) + 1);
  for (const [f, n] of perFamily)
    console.error(
      `${f.padEnd(22)} ${String(accountsPer.get(f) ?? 0).padStart(5)} accounts ${String(n).padStart(7)} events`,
    );
  console.error(`total: ${events.length} events, ${Object.keys(truth.accounts).length} accounts -> ${opts.out}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
