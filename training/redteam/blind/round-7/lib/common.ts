/**
 * Helpers shared by the round-7 blind families. In a sub-folder so the family loader (top-level *.ts only) does not
 * treat it as a family. Time constants, PRNG utilities, campaign timing and identifier resolution come from the
 * generator's kit modules; chat rendering, a person's writing-style noise and a few small helpers are written here.
 */
import type { Rng } from '../../../lib/rng.js';

export { DAY, HOUR, MIN, SEC, localHour, type Span } from '../../../lib/timing.js';
export { clamp, round } from '../../../lib/rng.js';
export { campaignModeTimes, proxyIps } from '../../../lib/campaign.js';
export { legitCreatedAt, pickTz } from '../../../lib/people.js';
export { fillSlots } from '../../../prompts/fill.js';
export { truncate, degrade, sentences } from '../../../prompts/text.js';
export { identFor, resolveStrategy, type Plain } from '../../../lib/identifier-strategy.js';

/** Weighted pick from a record, typed. */
export function pickKey<K extends string>(r: Rng, w: Partial<Record<K, number>>): K {
  return r.weightedKey(w as Record<K, number>);
}

/** A random subset of `keys` (at least one) with random weights, rounded for the truth file. */
export function drawWeights<K extends string>(
  r: Rng,
  keys: readonly K[],
  k: [number, number],
): Partial<Record<K, number>> {
  const chosen = r.sample(keys, r.int(k[0], Math.min(k[1], keys.length)));
  return Object.fromEntries(chosen.map((c) => [c, Math.round(r.float(0.3, 2) * 100) / 100])) as Partial<
    Record<K, number>
  >;
}

/** Is local hour `h` inside the waking window [from, to) (to may exceed 24)? */
export function awake(h: number, from: number, to: number): boolean {
  const rel = (h - from + 24) % 24;
  return rel < to - from;
}

/** Render a multi-message request as one prompt string, in the shapes a gateway log shows. */
export type ChatFormat = 'labels' | 'tags' | 'json' | 'chatml';
export interface Turn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
export function renderChat(format: ChatFormat, turns: Turn[]): string {
  switch (format) {
    case 'tags':
      return turns.map((t) => `<${t.role}>\n${t.content}\n</${t.role}>`).join('\n');
    case 'json':
      return JSON.stringify({ messages: turns });
    case 'chatml':
      return turns.map((t) => `<|im_start|>${t.role}\n${t.content}<|im_end|>`).join('\n');
    default:
      return turns
        .map((t) => `${t.role === 'system' ? 'System' : t.role === 'user' ? 'User' : 'Assistant'}: ${t.content}`)
        .join('\n\n');
  }
}

/** How one person types: case, punctuation, typos, fillers, emoji. Drawn once per person. */
export interface Voice {
  lower: boolean;
  dropPunct: number;
  typo: number;
  filler: number;
  emoji: number;
  zh: boolean;
}

export function drawVoice(r: Rng, zh: boolean): Voice {
  const casual = r.chance(0.6);
  return {
    lower: !zh && casual && r.chance(0.6),
    dropPunct: casual ? r.float(0.2, 0.8) : r.float(0, 0.1),
    typo: casual ? r.float(0, 0.04) : 0,
    filler: casual ? r.float(0.1, 0.5) : r.float(0, 0.1),
    emoji: casual ? r.float(0, 0.25) : 0,
    zh,
  };
}

const FILLERS_EN = ['hmm ', 'ok so ', 'wait ', 'sorry, ', 'ah ', 'right, ', 'okay ', 'hm, ', 'uh ', 'so '];
const FILLERS_ZH = ['嗯，', '好的，', '等一下，', '哦哦，', '那个，', '啊，', '不好意思，', '明白了，'];
const EMOJI = [' 🙏', ' 😅', ' lol', ' 🤔', ' thx', ' :)', ' 😭', ' pls'];
const EMOJI_ZH = [' 🙏', '😅', '哈哈', '🤔', '谢谢', '呜呜', '~'];

/** Swap two adjacent letters inside some words. */
function typos(r: Rng, s: string, rate: number): string {
  return s
    .split(' ')
    .map((w) => {
      if (w.length < 4 || !/^[a-z]+$/i.test(w) || !r.chance(rate)) return w;
      const i = r.int(1, w.length - 3);
      return w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2);
    })
    .join(' ');
}

/** Apply a person's voice to a short line they type themselves (never to pasted material). */
export function speak(r: Rng, v: Voice, line: string): string {
  let s = line;
  if (v.lower) s = s.charAt(0).toLowerCase() + s.slice(1).replace(/\bI\b/g, 'i');
  if (!v.zh && v.typo > 0) s = typos(r, s, v.typo);
  if (r.chance(v.dropPunct)) s = s.replace(/[.?!。？！]+$/u, '');
  if (r.chance(v.filler)) s = r.pick(v.zh ? FILLERS_ZH : FILLERS_EN) + (v.lower || v.zh ? s : lowerFirst(s));
  if (r.chance(v.emoji)) s += r.pick(v.zh ? EMOJI_ZH : EMOJI);
  return s;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Count into a record. */
export function bump(m: Record<string, number>, k: string, by = 1): void {
  m[k] = (m[k] ?? 0) + by;
}
