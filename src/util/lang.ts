/**
 * The language of a prompt, on the request path: cheap, local, deterministic (no model, no
 * download). Invariants:
 * - the result is one of DETECTED_LANGUAGES; `und` (undetermined) when the text has no letters;
 * - code is not language: fenced blocks, inline code, URLs, code-like lines and LaTeX commands
 *   (`\frac`, `\sqrt`) are set aside before counting, unless nothing else is left;
 * - a text whose CJK characters (Han, kana, Hangul) are at least 20% of its letters (CJK
 *   included) is `ja` (kana present), `ko` (Hangul dominant) or `zh` (Han): digits, operators
 *   and variable names of a maths problem do not outweigh its Chinese;
 * - otherwise the script with most letters decides (Cyrillic `ru`, or `uk` with Ukrainian-only
 *   letters; Greek, Arabic, Hebrew, Devanagari, Thai); Latin script is told apart by function
 *   words and diacritics (es, fr, de, pt, it) and is `en` when no other language has more cues;
 *   a one-letter word is a cue only between two longer words (`x`, `y` and `a` are variables as
 *   often as words), and no cue word is a maths function name (`sin`).
 */

export const DETECTED_LANGUAGES = [
  'en',
  'zh',
  'ja',
  'ko',
  'ru',
  'uk',
  'es',
  'fr',
  'de',
  'pt',
  'it',
  'el',
  'ar',
  'he',
  'hi',
  'th',
  'und',
] as const;
export type LanguageCode = (typeof DETECTED_LANGUAGES)[number];

type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'devanagari' | 'thai';

interface Counts {
  han: number;
  kana: number;
  hangul: number;
  ukrainian: number;
  russianOnly: number;
  scripts: Record<Script, number>;
}

/** Fenced code, inline code, URLs and e-mail addresses. */
const CODE_SPANS = /```[\s\S]*?(?:```|$)|`[^`\n]+`|\bhttps?:\/\/\S+|\b[\w.+-]+@[\w-]+\.[\w.]+/g;
/**
 * A line that reads as code: ASCII only, and a statement ending, a block opener (`if …:`), or a
 * keyword or comment at its start (after a diff's `+`/`-`). A line with other scripts is prose.
 */
const CODE_LINE =
  /^(?=[^\n\u0080-\uffff]*$)[+-]?\s*(?:(?:def|class|import|from|return|function|const|let|var|public|private|static|#include|package|func|fn|SELECT|INSERT|UPDATE)\b.*|(?:for|if|elif|else|while|try|except|with)\b.*:|(?:\/\/|#!|\/\*).*|.*[;{}])\s*$/gm;

/** A LaTeX command (`\frac`, `\left`): markup, not words. */
const LATEX_COMMAND = /\\[A-Za-z]+/g;

/** Sets code aside; when nothing with letters remains, the text is read as it is. */
function prose(text: string): string {
  let stripped = text;
  if (/[`@]|https?:/.test(stripped)) stripped = stripped.replace(CODE_SPANS, ' ');
  if (stripped.includes('\\')) stripped = stripped.replace(LATEX_COMMAND, ' ');
  if (stripped.includes('\n')) stripped = stripped.replace(CODE_LINE, ' ');
  if (stripped === text) return text;
  return /\p{L}/u.test(stripped) ? stripped : text;
}

function count(text: string): Counts {
  const c: Counts = {
    han: 0,
    kana: 0,
    hangul: 0,
    ukrainian: 0,
    russianOnly: 0,
    scripts: { latin: 0, cyrillic: 0, greek: 0, arabic: 0, hebrew: 0, devanagari: 0, thai: 0 },
  };
  const s = c.scripts;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u <= 0x20 || u === 0xa0 || u === 0x3000) continue;
    if (u < 0x80) {
      if ((u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a)) s.latin++;
    } else if (u >= 0xc0 && u <= 0x24f) {
      if (u !== 0xd7 && u !== 0xf7) s.latin++;
    } else if (u >= 0x400 && u <= 0x4ff) {
      s.cyrillic++;
      // і ї є ґ (and capitals) are Ukrainian; ы э ъ ё are Russian.
      if (u === 0x456 || u === 0x457 || u === 0x454 || u === 0x491 || u === 0x406 || u === 0x407 || u === 0x404)
        c.ukrainian++;
      else if (u === 0x44b || u === 0x44d || u === 0x44a || u === 0x451) c.russianOnly++;
    } else if (u >= 0x370 && u <= 0x3ff) s.greek++;
    else if (u >= 0x590 && u <= 0x5ff) s.hebrew++;
    else if (u >= 0x600 && u <= 0x6ff) s.arabic++;
    else if (u >= 0x900 && u <= 0x97f) s.devanagari++;
    else if (u >= 0xe00 && u <= 0xe7f) s.thai++;
    else if (u >= 0x3040 && u <= 0x30ff && u !== 0x30fb && u !== 0x30fc) c.kana++;
    else if ((u >= 0x3400 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff)) c.han++;
    else if ((u >= 0xac00 && u <= 0xd7af) || (u >= 0x1100 && u <= 0x11ff) || (u >= 0x3130 && u <= 0x318f)) c.hangul++;
    else if (u >= 0xd800 && u <= 0xdbff) i++; // astral characters (emoji, rare Han) carry no cue
  }
  return c;
}

type Latin = 'en' | 'es' | 'fr' | 'de' | 'pt' | 'it';
const LATIN: readonly Latin[] = ['en', 'es', 'fr', 'de', 'pt', 'it'];

/** Frequent function words and greetings; words common in code (`if`, `in`, `for`, `and`...) are left out of English. */
const CUE_WORDS: Record<Latin, readonly string[]> = {
  en: 'the of to you your that this what how why please are be was were have has which would should could does my me it an i we they there their with hello thanks'.split(
    ' ',
  ),
  es: 'el la de los las del que y en un una es por para con al se lo como más pero sus está qué cómo cuál puedes hola gracias muy también esta este son sobre tu eres escribe explica respuesta pregunta'.split(
    ' ',
  ),
  fr: 'le la de les des et est une du que qui pour dans pas vous sur avec ce cette au sont je tu il nous bonjour merci très aussi écris explique réponse'.split(
    ' ',
  ),
  de: 'der die das und ist nicht ein eine zu mit den von sie ich auf für es dem auch wie bitte danke hallo sind wird du kannst schreib erkläre antwort'.split(
    ' ',
  ),
  pt: 'os de do da em um uma para com não por mais pode eu mas ou ele ela seu sua tem ser foi já dos das você é são está isso como olá obrigado muito também escreva explique resposta'.split(
    ' ',
  ),
  it: 'il la di che un una per non sono del della con è gli lo ma come anche ciao grazie molto questo questa scrivi spiega risposta'.split(
    ' ',
  ),
};
const CUES = new Map<string, Latin[]>();
for (const lang of LATIN) for (const w of CUE_WORDS[lang]) CUES.set(w, [...(CUES.get(w) ?? []), lang]);

/** Letters that point to one language (ñ ¿ ¡ Spanish, ß German, ã õ Portuguese, œ ê French, ò ì Italian). */
const CUE_CHARS: Record<Latin, RegExp> = {
  en: /(?!)/g,
  es: /[ñ¿¡]/g,
  fr: /[œêèàùâîôç]/g,
  de: /[ßäöü]/g,
  pt: /[ãõç]/g,
  it: /[òì]/g,
};

/** A word, not part of an identifier (`os.walk`, `print(`, `snake_case`). */
const LATIN_WORD = /(?<!\w|\w\.)[a-zà-öø-ÿ]+(?![\w(]|\.\w)/g;
/** Words read for Latin cues: enough to decide, bounded on long prompts. */
const MAX_CUE_WORDS = 600;

/**
 * Whether the one-letter word at `at` joins two words of three letters or more ("patatas y
 * cebolla"), not variables ("x + y", "x and y be").
 */
function conjunction(lower: string, at: number): boolean {
  return /^\p{L}{3} $/u.test(lower.slice(Math.max(0, at - 4), at)) && /^ \p{L}{3}/u.test(lower.slice(at + 1, at + 5));
}

function latinLanguage(text: string): Latin {
  const lower = text.toLowerCase();
  const score: Record<Latin, number> = { en: 0, es: 0, fr: 0, de: 0, pt: 0, it: 0 };
  let n = 0;
  for (const m of lower.matchAll(LATIN_WORD)) {
    const langs = m[0].length > 1 || conjunction(lower, m.index) ? CUES.get(m[0]) : undefined;
    if (langs) for (const l of langs) score[l] += 1 / langs.length;
    if (++n >= MAX_CUE_WORDS) break;
  }
  const head = lower.slice(0, 20_000);
  for (const l of LATIN) score[l] += 2 * (head.match(CUE_CHARS[l])?.length ?? 0) ** 0.5;
  let best: Latin = 'en';
  for (const l of LATIN) if (score[l] > score[best]) best = l;
  return best;
}

const SCRIPT_LANGUAGE: Record<Exclude<Script, 'latin' | 'cyrillic'>, LanguageCode> = {
  greek: 'el',
  arabic: 'ar',
  hebrew: 'he',
  devanagari: 'hi',
  thai: 'th',
};

/** The language of a text (see the invariants at the top). */
export function detectLang(text: string): LanguageCode {
  const body = prose(text);
  const c = count(body);
  const cjk = c.han + c.kana + c.hangul;
  const letters = Object.values(c.scripts).reduce((a, b) => a + b, 0);
  if (cjk > 0 && cjk >= 0.2 * (cjk + letters)) {
    if (c.hangul > c.han + c.kana) return 'ko';
    if (c.kana > 0 && c.kana >= 0.1 * (c.han + c.kana)) return 'ja';
    if (c.han >= c.hangul) return 'zh';
    return 'ko';
  }
  let script: Script | null = null;
  let most = 0;
  for (const [name, n] of Object.entries(c.scripts) as [Script, number][]) {
    if (n > most) {
      most = n;
      script = name;
    }
  }
  if (script === null) {
    if (cjk === 0) return 'und';
    return c.hangul > c.han + c.kana ? 'ko' : c.kana > 0 ? 'ja' : 'zh';
  }
  if (script === 'latin') return latinLanguage(body);
  if (script === 'cyrillic') return c.ukrainian > c.russianOnly ? 'uk' : 'ru';
  return SCRIPT_LANGUAGE[script];
}
