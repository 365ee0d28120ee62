import type { Rng } from '../rng.js';
import type { Lang } from '../types.js';

/**
 * Surface transforms attackers use to dodge filters. Applied with the same probabilities to
 * every class, benign included, so that style is never a label cue.
 */
export type Transform = (text: string, r: Rng, lang: Lang) => string;

const SYSTEMS_EN = [
  'You are a helpful assistant.',
  'You are an AI assistant. Follow the user instructions carefully.',
  'You are ChatGPT, a large language model.',
  'Answer as accurately as possible.',
];
const SYSTEMS_ZH = [
  '你是一个乐于助人的助手。',
  '你是一个AI助手，请认真遵循用户指令。',
  '你是通义千问，由阿里云开发。',
  '请尽可能准确地回答。',
];

const systemWrap: Transform = (t, r, lang) => {
  const sys = r.pick(lang === 'en' ? SYSTEMS_EN : SYSTEMS_ZH);
  return r.pick([
    `System: ${sys}\nUser: ${t}`,
    `<|im_start|>system\n${sys}<|im_end|>\n<|im_start|>user\n${t}<|im_end|>\n<|im_start|>assistant\n`,
    `[SYSTEM] ${sys}\n[USER] ${t}`,
    lang === 'en' ? `### System\n${sys}\n### User\n${t}` : `### 系统\n${sys}\n### 用户\n${t}`,
  ]);
};

const numbered: Transform = (t, r, lang) => {
  const parts = t
    .split(/(?<=[.?!。？！])\s*|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length < 2) return t;
  const head = r.chance(0.5) ? (lang === 'en' ? 'Follow these instructions:\n' : '请按以下步骤执行：\n') : '';
  return head + parts.map((p, i) => `${i + 1}. ${p}`).join('\n');
};

const polite: Transform = (t, r, lang) =>
  lang === 'en'
    ? `${r.pick(['Hi! ', 'Hello, ', 'Could you please help me? ', 'Thanks in advance. ', 'Quick favour: '])}${t}${r.pick(['', ' Thank you!', ' Thanks so much.'])}`
    : `${r.pick(['你好！', '麻烦你帮个忙：', '您好，', '请帮我一下，'])}${t}${r.pick(['', '谢谢！', '非常感谢。'])}`;

const typos: Transform = (t, r) => {
  const chars = [...t];
  const k = Math.max(1, Math.floor(chars.length / 60));
  for (let i = 0; i < k; i++) {
    const j = r.int(1, Math.max(1, chars.length - 2));
    const a = chars[j] as string,
      b = chars[j + 1] as string;
    if (/[A-Za-z]/.test(a) && /[A-Za-z]/.test(b)) {
      chars[j] = b;
      chars[j + 1] = a;
    }
  }
  return chars.join('');
};

const mixedCase: Transform = (t, r) =>
  [...t].map((c) => (r.chance(0.15) ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c)).join('');

const whitespace: Transform = (t, r) =>
  t.replace(/ /g, () => (r.chance(0.1) ? '   ' : ' ')).replace(/\n/g, () => (r.chance(0.3) ? '\n\n' : '\n')) +
  (r.chance(0.5) ? '\n\n' : '');

const markdown: Transform = (t, r, lang) =>
  r.pick([
    `\`\`\`\n${t}\n\`\`\``,
    `> ${t.split('\n').join('\n> ')}`,
    `## ${lang === 'en' ? 'Task' : '任务'}\n\n${t}`,
    `**${lang === 'en' ? 'Request' : '请求'}:** ${t}`,
  ]);

const TRANSFORMS: [string, Transform][] = [
  ['system', systemWrap],
  ['numbered', numbered],
  ['polite', polite],
  ['typos', typos],
  ['case', mixedCase],
  ['whitespace', whitespace],
  ['markdown', markdown],
];

/** Applies 0-2 transforms (probability `p` of any). Returns the text and the names applied. */
export function obfuscate(text: string, r: Rng, lang: Lang, p = 0.35): { text: string; applied: string[] } {
  if (!r.chance(p)) return { text, applied: [] };
  const k = r.chance(0.3) ? 2 : 1;
  const applied: string[] = [];
  let out = text;
  for (const [name, fn] of r.sample(TRANSFORMS, k)) {
    if ((name === 'typos' || name === 'case') && lang === 'zh' && !/[A-Za-z]{4}/.test(out)) continue;
    out = fn(out, r, lang);
    applied.push(name);
  }
  return { text: out, applied };
}
