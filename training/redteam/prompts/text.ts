/** Small text utilities shared by the prompt builders. */
import type { Rng } from '../lib/rng.js';

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastStop = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf('\n'));
  return lastStop > max * 0.5 ? cut.slice(0, lastStop + 1) : cut;
}

export function firstSentence(text: string): string {
  return sentences(text)[0] ?? text;
}

/** A plausibly worse variant of a response: truncated, reordered, hedged or with a sentence dropped. */
export function degrade(rng: Rng, text: string): string {
  const s = sentences(text);
  const mode = rng.int(0, 4);
  if (s.length < 2 || mode === 0) return truncate(text, Math.max(40, Math.floor(text.length * rng.float(0.3, 0.7))));
  if (mode === 1) return rng.shuffle(s).join(' ');
  if (mode === 2) return s.filter((_, i) => i !== rng.int(0, s.length - 1)).join(' ');
  if (mode === 3) return `${rng.pick(HEDGES)} ${s.slice(0, Math.max(1, s.length - 1)).join(' ')}`;
  return s.map((x) => x.replace(/\b(\d+)\b/, (d) => String(Number(d) + rng.int(1, 9)))).join(' ');
}

const HEDGES = [
  "I'm not completely sure, but",
  'Great question!',
  'As an AI, I think',
  'Here is a quick answer:',
  'Sure.',
  'It depends, but generally',
];

export function numbered(items: string[], style: 'dot' | 'paren' | 'hash' = 'dot'): string {
  return items
    .map((x, i) => (style === 'dot' ? `${i + 1}. ${x}` : style === 'paren' ? `(${i + 1}) ${x}` : `#${i + 1} ${x}`))
    .join('\n');
}

export function oneOf(rng: Rng, options: readonly string[]): string {
  return rng.pick(options);
}

/** Random, believable formatting noise a script or a person adds: trailing spaces, blank lines, code fences. */
export function jitterWhitespace(rng: Rng, text: string): string {
  if (rng.chance(0.1)) return `${text}\n`;
  if (rng.chance(0.05)) return text.replace(/\n\n/g, '\n');
  return text;
}
