/**
 * Helpers shared by the round-5 blind families. In a sub-folder so the family loader (top-level *.ts only) does
 * not treat it as a family. Time constants, PRNG utilities and campaign timing come from the generator's kit
 * modules; identifier resolution and a quota-aware load balancer are written here.
 */
import type { Rng } from '../../../lib/rng.js';

export { DAY, HOUR, MIN, SEC, localHour, type Span } from '../../../lib/timing.js';
export { clamp, round } from '../../../lib/rng.js';
export { campaignModeTimes, proxyIps } from '../../../lib/campaign.js';
export { legitCreatedAt, pickTz } from '../../../lib/people.js';
export { fillSlots } from '../../../prompts/fill.js';
export { truncate, degrade, numbered, sentences } from '../../../prompts/text.js';

export { identFor, resolveStrategy, type Plain } from '../../../lib/identifier-strategy.js';

/** Keep timestamps inside [from, to), sorted. */
export function inside(ts: number[], from: number, to: number): number[] {
  return ts.filter((t) => t >= from && t < to).sort((a, b) => a - b);
}

/** Local-time midnight (as epoch ms) of the day containing `t` for a fixed UTC offset in hours. */
export function localMidnight(t: number, tzHours: number): number {
  const day = 86_400_000;
  const shift = tzHours * 3_600_000;
  return Math.floor((t + shift) / day) * day - shift;
}

/** Render a chat as one text prompt, in the wire shapes a gateway log shows for multi-message requests. */
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

/** Operator swaps that turn a correct Python solution into a plausible wrong one. */
const SWAPS: [string, string][] = [
  [' < ', ' <= '],
  [' <= ', ' < '],
  [' > ', ' >= '],
  [' >= ', ' > '],
  [' == ', ' != '],
  ['+ 1', '- 1'],
  ['- 1', '+ 1'],
  ['return True', 'return False'],
  ['return False', 'return True'],
  ['[1:]', '[:-1]'],
  ['sorted(', 'list('],
];

/** A plausibly wrong version of a reference solution: one operator swapped, or one line dropped. */
export function breakCode(r: Rng, solution: string): string {
  const options = SWAPS.filter(([a]) => solution.includes(a));
  if (options.length > 0 && r.chance(0.8)) {
    const [a, b] = r.pick(options);
    return solution.replace(a, b);
  }
  const lines = solution.split('\n');
  const body = lines.map((l, i) => ({ l, i })).filter((x) => x.l.trim().length > 0);
  if (body.length < 2) return solution.replace('return', 'return None #');
  const drop = r.pick(body).i;
  return lines.filter((_, i) => i !== drop).join('\n');
}
