import type { Rng } from '../rng.js';
import type { Lang } from '../types.js';
import { SLOT_PATTERN, Slots, type FamilySpec } from './family.js';
import * as X from './extra-slots.js';

/**
 * Extra families (train side only: names start with `x-`, see split.ts). Slots are the extra
 * ones below, falling back to the shared `Slots` of family.ts ({problem}, {topic}, {essay}...).
 */
export const EXTRA_PREFIX = 'x-';

export function xf(kind: string, label: FamilySpec['label'], lang: Lang, hard = false) {
  return (name: string, templates: string[], weight = 1): FamilySpec => ({
    name: `${EXTRA_PREFIX}${kind}-${lang}-${name}`,
    label,
    lang,
    hard: hard || undefined,
    templates,
    weight,
  });
}

class ExtraSlots {
  private cache = new Map<string, string>();
  constructor(
    private r: Rng,
    private lang: Lang,
    private base: Slots,
  ) {}

  private once(k: string, f: () => string): string {
    if (!this.cache.has(k)) this.cache.set(k, f());
    return this.cache.get(k) as string;
  }
  private qa(): X.XQA {
    const l = this.lang === 'en' ? X.XQA_EN : X.XQA_ZH;
    return l[Number(this.once('_x', () => String(this.r.int(0, l.length - 1))))] as X.XQA;
  }
  private doc(): { doc: string; sum: string } {
    const l = this.lang === 'en' ? X.DOCS_EN : X.DOCS_ZH;
    return l[Number(this.once('_d', () => String(this.r.int(0, l.length - 1))))] as { doc: string; sum: string };
  }
  private task(): { task: string; sol: string } {
    return X.CODE_TASKS[Number(this.once('_c', () => String(this.r.int(0, X.CODE_TASKS.length - 1))))] as {
      task: string;
      sol: string;
    };
  }

  get(name: string): string | undefined {
    const r = this.r;
    const en = this.lang === 'en';
    switch (name) {
      case 'xq':
        return this.qa().q;
      case 'xa':
        return this.qa().a;
      case 'xb':
        return this.qa().b;
      case 'xdoc':
        return this.doc().doc;
      case 'xsum':
        return this.doc().sum;
      case 'xtask':
        return this.task().task;
      case 'xsol':
        return this.task().sol;
      case 'xmovie':
        return this.once('xmovie', () => r.pick(en ? X.MOVIES_EN : X.MOVIES_ZH));
      case 'xcrit':
        return this.once('xcrit', () => r.pick(en ? X.CRIT_EN : X.CRIT_ZH));
      case 'xcrits':
        return this.once('xcrits', () => r.sample(en ? X.CRIT_EN : X.CRIT_ZH, r.int(2, 5)).join(en ? ', ' : '、'));
      case 'xscale':
        return this.once('xscale', () => r.pick(en ? X.SCALES_EN : X.SCALES_ZH));
      case 'xk':
        return this.once('xk', () => String(r.int(2, 5)));
      case 'xbatch':
        return this.once('xbatch', () => this.batch(false));
      case 'xbatch_solved':
        return this.once('xbatch_solved', () => this.batch(true));
      case 'xrank':
        return this.once('xrank', () => this.rank());
      default:
        return this.base.get(name);
    }
  }

  private batch(solved: boolean): string {
    const l = this.lang === 'en' ? X.XQA_EN : X.XQA_ZH;
    const k = Number(this.get('xk'));
    return this.r
      .sample(l, k)
      .map((x, i) => (solved ? `${i + 1}. ${x.q} ${this.lang === 'en' ? '→' : '答案：'} ${x.a}` : `${i + 1}. ${x.q}`))
      .join('\n');
  }

  private rank(): string {
    const x = this.qa();
    const en = this.lang === 'en';
    const extra = en ? 'I am not sure, please search online.' : '我不确定，建议你自己上网查。';
    return this.r
      .shuffle([x.a, x.b, extra])
      .map((s, i) => `${en ? 'Response' : '回答'} ${i + 1}: ${s}`)
      .join('\n');
  }
}

/** Fills one randomly chosen template of an extra family. */
export function instantiateExtra(spec: FamilySpec, r: Rng): string {
  const tpl = r.pick(spec.templates);
  const slots = new ExtraSlots(r, spec.lang, new Slots(r, spec.lang));
  return tpl.replace(SLOT_PATTERN, (m, k: string) => slots.get(k) ?? m);
}

/** Cartesian helper: every head + body + tail combination, as template strings. */
export function combos(heads: readonly string[], bodies: readonly string[], tails: readonly string[] = ['']): string[] {
  return heads.flatMap((h) => bodies.flatMap((b) => tails.map((t) => `${h}${b}${t}`)));
}
