import type { PromptClass } from '../../../src/labels.js';
import type { DataReader } from '../io.js';
import { Rng, rngFor, sha256 } from '../rng.js';
import { capText } from '../text.js';
import type { Draft, Lang } from '../types.js';

const HAN = /[\u3400-\u9fff]/g;

/**
 * The language tag of a public-set prompt: `zh` when Han characters are at least 20% of its
 * non-space characters, else `en`. The public sets were split, and the fixed evaluation set
 * pinned (eval-set manifest), with this two-way tag, so it stays as it was: a Japanese judge
 * template in them is tagged `zh` or `en`. The request path, feedback and the written sets carry
 * the detected language (src/util/lang.ts).
 */
export function publicSetLang(text: string): Lang {
  const han = (text.match(HAN) ?? []).length;
  const total = text.replace(/\s/g, '').length || 1;
  return han / total >= 0.2 ? 'zh' : 'en';
}

/**
 * Where a public item may go. `train` items are spread over train/val/calib by family;
 * `train-only`, `val`, `test` and `hardneg` items go whole to that one split (see split.ts).
 */
export type Pool = 'train' | 'train-only' | 'val' | 'test' | 'hardneg';

export interface PublicDraft extends Draft {
  pool: Pool;
}

export interface LoadCtx {
  reader: DataReader;
  seed: number;
  /** Multiplies every per-source sample size (1 = full build). */
  scale: number;
  /** Counters of deliberate length caps, reported in the manifest. */
  capped: Record<string, number>;
  /** Items deliberately left out, by reason, reported in the manifest. */
  excluded: Record<string, number>;
}

export function rngOf(ctx: LoadCtx, name: string): Rng {
  return rngFor(ctx.seed, `public/${name}`);
}

/** Scaled sample size, at least `min`. */
export function n(ctx: LoadCtx, full: number, min = 1): number {
  return Math.max(min, Math.round(full * ctx.scale));
}

/** Assigns sequential per-family ids and applies the global length cap. */
export class Sink {
  readonly items: PublicDraft[] = [];
  private counters = new Map<string, number>();

  constructor(
    private ctx: LoadCtx,
    private source: string,
  ) {}

  add(opts: {
    text: string;
    label: PromptClass;
    family: string;
    pool: Pool;
    hardNegative?: boolean;
    lang?: Lang;
  }): void {
    const { text, capped } = capText(opts.text);
    if (capped) this.ctx.capped[this.source] = (this.ctx.capped[this.source] ?? 0) + 1;
    const k = this.counters.get(opts.family) ?? 0;
    this.counters.set(opts.family, k + 1);
    this.items.push({
      id: `${this.source}/${opts.family}/${k}`,
      text,
      label: opts.label,
      source: this.source,
      family: opts.family,
      lang: opts.lang ?? publicSetLang(text),
      hardNegative: opts.hardNegative ?? false,
      pool: opts.pool,
    });
  }
}

export function exclude(ctx: LoadCtx, reason: string, count = 1): void {
  ctx.excluded[reason] = (ctx.excluded[reason] ?? 0) + count;
}

/** Stable bucket of a string, for grouping independent public questions into split families. */
export function bucket(key: string, buckets: number): number {
  return parseInt(sha256(key).slice(0, 8), 16) % buckets;
}

/**
 * Fills `{key}` placeholders where the k-th occurrence of a key takes values[k] (batch templates
 * that repeat `{instruction}` / `{output_1}` once per example).
 */
export function fillNth(template: string, values: Record<string, string[]>): string {
  const seen: Record<string, number> = {};
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, k: string) => {
    const list = values[k];
    if (!list || list.length === 0) return m;
    const i = seen[k] ?? 0;
    seen[k] = i + 1;
    return list[Math.min(i, list.length - 1)] as string;
  });
}
