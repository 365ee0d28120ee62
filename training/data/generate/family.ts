import type { PromptClass } from '../../../src/labels.js';
import type { Rng } from '../rng.js';
import type { Lang } from '../types.js';
import { makeProblem } from './slots-problems.js';
import { TOPICS_EN, TOPICS_ZH, type Topic } from './slots-sensitive.js';
import * as G from './slots-general.js';

/** A template family: paraphrases of one request shape. The family is the unit of splitting. */
export interface FamilySpec {
  name: string;
  label: PromptClass;
  lang: Lang;
  /** Benign look-alike of an attack label. */
  hard?: boolean;
  /** Relative share of its group's examples (default 1). */
  weight?: number;
  templates: readonly string[];
}

/** Per-example slot context: values that must agree (topic/question/answer) are picked once. */
export class Slots {
  private cache = new Map<string, string>();
  constructor(
    private r: Rng,
    private lang: Lang,
  ) {}

  private topic(): Topic {
    const l = this.lang === 'en' ? TOPICS_EN : TOPICS_ZH;
    return l[Number(this.once('_t', () => String(this.r.int(0, l.length - 1))))] as Topic;
  }
  private qa(): G.QAPair {
    const l = this.lang === 'en' ? G.QA_EN : G.QA_ZH;
    return l[Number(this.once('_q', () => String(this.r.int(0, l.length - 1))))] as G.QAPair;
  }
  private problem() {
    if (!this.cache.has('problem')) {
      const p = makeProblem(this.r, this.lang);
      this.cache.set('problem', p.problem);
      this.cache.set('final', p.answer);
    }
    return { problem: this.cache.get('problem') as string, final: this.cache.get('final') as string };
  }
  private once(k: string, f: () => string): string {
    if (!this.cache.has(k)) this.cache.set(k, f());
    return this.cache.get(k) as string;
  }

  get(name: string): string | undefined {
    const r = this.r;
    const en = this.lang === 'en';
    switch (name) {
      case 'topic':
        return this.topic().name;
      case 'tq':
        return this.topic().question;
      case 'orig':
        return this.topic().original;
      case 'problem':
        return this.problem().problem;
      case 'final':
        return this.problem().final;
      case 'q':
        return this.qa().q;
      case 'a':
        return this.qa().a;
      case 'b':
        return this.qa().b;
      case 'n':
        return this.once('n', () => String(r.int(3, 12)));
      case 'essay':
        return this.once('essay', () => r.pick(en ? G.ESSAYS_EN : G.ESSAYS_ZH));
      case 'code':
        return this.once('code', () => r.pick(G.CODE_SNIPPETS));
      case 'subject':
        return this.once('subject', () => r.pick(en ? G.SUBJECTS_EN : G.SUBJECTS_ZH));
      case 'course':
        return this.once('course', () => r.pick(en ? G.COURSES_EN : G.COURSES_ZH));
      case 'criterion':
        return this.once('criterion', () => r.pick(en ? G.CRITERIA_EN : G.CRITERIA_ZH));
      case 'criteria':
        return this.once('criteria', () => r.sample(en ? G.CRITERIA_EN : G.CRITERIA_ZH, 3).join(en ? ', ' : '、'));
      case 'city':
        return this.once('city', () => r.pick(en ? G.CITIES_EN : G.CITIES_ZH));
      case 'product':
        return this.once('product', () => r.pick(en ? G.PRODUCTS_EN : G.PRODUCTS_ZH));
      case 'dish':
        return this.once('dish', () => r.pick(en ? G.DISHES_EN : G.DISHES_ZH));
      case 'lang2':
        return this.once('lang2', () => r.pick(en ? G.LANGS_EN : G.LANGS_ZH));
      case 'days':
        return this.once('days', () => String(r.int(2, 7)));
      case 'm1':
        return this.once('m1', () => r.pick(G.MODELS));
      case 'm2':
        return this.once('m2', () => r.pick(G.MODELS.filter((m) => m !== this.get('m1'))));
      case 'hi':
        return this.once('hi', () => r.pick(['5', '10', '10', '7', '100']));
      case 'batch_cr':
        return this.once('batch_cr', () => batchTopics(r, this.lang, Number(this.get('n'))));
      case 'batch_problems':
        return this.once('batch_problems', () => batchProblems(r, this.lang, Number(this.get('n')), false));
      case 'batch_solved':
        return this.once('batch_solved', () => batchProblems(r, this.lang, Number(this.get('n')), true));
      case 'batch_qa':
        return this.once('batch_qa', () => batchQA(r, this.lang, Math.min(4, Number(this.get('n')))));
      default:
        return undefined;
    }
  }
}

function batchTopics(r: Rng, lang: Lang, k: number): string {
  const items = r
    .sample(lang === 'en' ? TOPICS_EN : TOPICS_ZH, Math.min(k, 5))
    .map((t) => ({ question: t.question, answer: t.original }));
  return JSON.stringify(items, null, r.chance(0.5) ? 2 : undefined);
}

function batchProblems(r: Rng, lang: Lang, k: number, solved: boolean): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.min(k, 8); i++) {
    const p = makeProblem(r, lang);
    lines.push(
      solved ? `${i + 1}. ${p.problem} ${lang === 'en' ? 'Answer' : '答案'}: ${p.answer}` : `${i + 1}. ${p.problem}`,
    );
  }
  return lines.join('\n');
}

function batchQA(r: Rng, lang: Lang, k: number): string {
  return r
    .sample(lang === 'en' ? G.QA_EN : G.QA_ZH, k)
    .map((x, i) => `[${i + 1}] Q: ${x.q}\nA: ${x.a}`)
    .join('\n\n');
}

/** A slot in a template: `{name}`, filled by `Slots` (unknown names are left as written). */
export const SLOT_PATTERN = /\{([a-z_0-9]+)\}/g;

/** Fills one randomly chosen template of the family. */
export function instantiate(spec: FamilySpec, r: Rng): string {
  const tpl = r.pick(spec.templates);
  const slots = new Slots(r, spec.lang);
  return tpl.replace(SLOT_PATTERN, (m, k: string) => slots.get(k) ?? m);
}
