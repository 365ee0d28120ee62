/**
 * Cheap per-prompt signals computed at the gateway so aggregation needs no model: a SimHash
 * signature of the normalised prompt (template repetition), a capability-area tag and the length.
 */
import { createHash } from 'node:crypto';
import { AREAS, type Area } from '../../labels.js';

/** Lowercase, NFKC, digits folded to 0, punctuation and runs of whitespace collapsed. */
export function normalizePrompt(prompt: string): string {
  return prompt
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\d+/g, '0')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** First 16 bytes of sha256, hex: the form in which user strings enter Redis keys and job ids. */
export function hashId(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const HAN = /\p{Script=Han}/u;

/** Word trigrams for spaced text; character bigrams for Han runs (no spaces between words). */
function shingles(normalised: string): string[] {
  const out: string[] = [];
  const words: string[] = [];
  for (const token of normalised.split(' ')) {
    if (token === '') continue;
    if (HAN.test(token)) {
      const chars = [...token];
      if (chars.length === 1) out.push(token);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    } else words.push(token);
  }
  if (words.length < 3) out.push(...words);
  for (let i = 0; i + 2 < words.length; i++) out.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** 64-bit SimHash of the normalised prompt as 16 hex characters. */
export function simhash(prompt: string): string {
  const acc = new Int32Array(64);
  for (const s of shingles(normalizePrompt(prompt))) {
    const hi = fnv1a(s, 0x811c9dc5);
    const lo = fnv1a(s, 0x01234567);
    for (let b = 0; b < 32; b++) {
      acc[b]! += (hi >>> b) & 1 ? 1 : -1;
      acc[32 + b]! += (lo >>> b) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (acc[b]! > 0) hi |= 1 << b;
    if (acc[32 + b]! > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hamming(a: string, b: string): number {
  return (
    popcount32(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) +
    popcount32(parseInt(a.slice(8, 16), 16) ^ parseInt(b.slice(8, 16), 16))
  );
}

const AREA_PATTERNS: Record<Exclude<Area, 'general'>, RegExp[]> = {
  coding: [
    /\b(code|function|python|javascript|typescript|rust|java|sql|bug|compile|refactor|regex|api|class|unit test|stack trace)\b/,
    /代码|函数|编程|程序|报错|重构|调试|单元测试/,
  ],
  agentic_tool_use: [
    /\b(tool[_ ]call|function[_ ]call|agent|autonomous|execute the command|shell command|observation:|action:|repository|pull request|terminal)\b/,
    /工具调用|智能体|代理|执行命令|终端|仓库/,
  ],
  math: [
    /\b(solve|equation|integral|derivative|prove|theorem|probability|matrix|algebra|geometry|calculate)\b/,
    /方程|积分|导数|证明|定理|概率|矩阵|计算|几何/,
  ],
  reasoning: [
    /\b(step[- ]by[- ]step|chain of thought|reasoning|think through|explain your thinking|internal monologue|scratchpad|logic puzzle)\b/,
    /推理|一步一步|逐步|思考过程|思维链|内心独白/,
  ],
  grading: [
    /\b(grade|score|rubric|evaluate the (answer|response)|rate (this|the)|judge|out of 10|1 to 10)\b/,
    /评分|打分|评分标准|评估.{0,4}回答|评判/,
  ],
  politics: [
    /\b(government|election|protest|censorship|communist|party|president|tiananmen|taiwan|xinjiang|tibet|democracy|dissident)\b/,
    /政府|选举|抗议|审查|共产党|主席|天安门|台湾|新疆|西藏|民主|异见/,
  ],
};

/** The capability area with the most keyword hits (ties: the order of AREAS), or `general`. */
export function tagArea(prompt: string): Area {
  const text = prompt.toLowerCase();
  let best: Area = 'general';
  let bestHits = 0;
  for (const area of AREAS) {
    if (area === 'general') continue;
    let hits = 0;
    for (const re of AREA_PATTERNS[area]) {
      const m = text.match(new RegExp(re.source, 'g'));
      hits += m?.length ?? 0;
    }
    if (hits > bestHits) {
      best = area;
      bestHits = hits;
    }
  }
  return best;
}

const AUTOMATION_UA =
  /python-requests|^curl\/|\bcurl\/|httpx|aiohttp|node-fetch|go-http-client|python-urllib|okhttp|libwww-perl|wget|axios\/|undici/i;

/** User agents of HTTP libraries and command-line tools rather than browsers or apps. */
export function isAutomationUserAgent(userAgent: string): boolean {
  return AUTOMATION_UA.test(userAgent);
}

/** Tokens at each end of a prompt that make its template skeleton, and the fewest tokens a prompt needs to have one. */
const SKELETON_TOKENS = 8;
const SKELETON_MIN_TOKENS = 2 * SKELETON_TOKENS;

/**
 * The template skeleton of a prompt: 32-bit hashes of its first and its last SKELETON_TOKENS
 * normalised tokens (words; single characters in Han runs; numbers already folded to 0), as 16
 * hex characters. A templated prompt keeps its fixed head (a system prompt, an instruction) or
 * tail while the slot in between changes; two prompts of one template share at least one half.
 * Undefined for prompts shorter than SKELETON_MIN_TOKENS tokens (SimHash covers those whole).
 */
export function skeleton(prompt: string): string | undefined {
  const tokens: string[] = [];
  for (const token of normalizePrompt(prompt).split(' ')) {
    if (token === '') continue;
    if (HAN.test(token)) tokens.push(...token);
    else tokens.push(token);
  }
  if (tokens.length < SKELETON_MIN_TOKENS) return undefined;
  const hex = (words: string[]) => fnv1a(words.join(' '), 0x9747b28c).toString(16).padStart(8, '0');
  return hex(tokens.slice(0, SKELETON_TOKENS)) + hex(tokens.slice(-SKELETON_TOKENS));
}

export interface PromptSignals {
  signature: string;
  /** Template skeleton (skeleton()); absent for short prompts. */
  skeleton?: string;
  area: Area;
  length: number;
}

export function promptSignals(prompt: string): PromptSignals {
  const sk = skeleton(prompt);
  return {
    signature: simhash(prompt),
    ...(sk !== undefined ? { skeleton: sk } : {}),
    area: tagArea(prompt),
    length: prompt.length,
  };
}
