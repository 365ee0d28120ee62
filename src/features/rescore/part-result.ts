/**
 * What one processed part commits: its events reduced to the fields aggregation reads (no
 * prompt text), its malformed lines and its counters, stored compactly (columns, deflated).
 * The same part always yields the same bytes, so a retried part overwrites its own result.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { AREAS, CLASSES } from '../../labels.js';
import type { SummaryEvent } from '../aggregate/summary.js';

/** A summary event with its account; `requestHash` is kept short as `rh`. */
export interface PartEvent extends Omit<SummaryEvent, 'requestHash'> {
  account: string;
  /** 16 hex characters of the request-id hash: duplicate detection and the recent-list tie-break. */
  rh: string;
}

export interface LineError {
  line: number;
  reason: string;
}

export interface PartStats {
  lines: number;
  events: number;
  malformed: number;
  /** Events whose label came from the line itself. */
  lineLabels: number;
  /** Prompts looked up in the label cache, and where they were found. */
  lookups: number;
  lruHits: number;
  redisHits: number;
  /** Prompts run through the prompt model. */
  classified: number;
  /** Of those, prompts the lexical pre-screen cleared without the encoder. */
  prescreened: number;
}

export interface PartResult {
  index: number;
  firstLine: number;
  /** Input bytes consumed up to the end of this part. */
  bytes: number;
  events: PartEvent[];
  /** The first malformed lines (capped); `stats.malformed` counts all. */
  errors: LineError[];
  stats: PartStats;
}

export const emptyStats = (): PartStats => ({
  lines: 0,
  events: 0,
  malformed: 0,
  lineLabels: 0,
  lookups: 0,
  lruHits: 0,
  redisHits: 0,
  classified: 0,
  prescreened: 0,
});

export function addStats(into: PartStats, s: PartStats): void {
  for (const k of Object.keys(into) as (keyof PartStats)[]) into[k] += s[k];
}

interface Columns {
  v: 1;
  index: number;
  firstLine: number;
  bytes: number;
  stats: PartStats;
  errors: LineError[];
  dict: string[];
  /** Per event: dictionary indices of account, ip, card. */
  a: number[];
  i: number[];
  c: number[];
  t: number[];
  n: number[];
  /** Per event one character each: label index, area index, automation flag. */
  l: string;
  r: string;
  s: string;
  /** Per event: dictionary indices of model, access path, sign-up path (-1: absent) and the creation time (null: absent); absent in parts of histories without gateway fields. */
  m?: number[];
  p?: number[];
  u?: number[];
  k?: (number | null)[];
}

export function encodePartResult(result: PartResult): Buffer {
  const dict: string[] = [];
  const at = new Map<string, number>();
  const ref = (s: string) => {
    let k = at.get(s);
    if (k === undefined) {
      k = dict.length;
      at.set(s, k);
      dict.push(s);
    }
    return k;
  };
  const cols: Columns = {
    v: 1,
    index: result.index,
    firstLine: result.firstLine,
    bytes: result.bytes,
    stats: result.stats,
    errors: result.errors,
    dict,
    a: [],
    i: [],
    c: [],
    t: [],
    n: [],
    l: '',
    r: '',
    s: '',
  };
  const l: string[] = [];
  const gateway = { m: [] as number[], p: [] as number[], u: [] as number[], k: [] as (number | null)[] };
  let anyGateway = false;
  const optRef = (v: string | undefined) => (v === undefined ? -1 : ref(v));
  let prevTs = 0;
  for (const e of result.events) {
    cols.a.push(ref(e.account));
    cols.i.push(ref(e.ip));
    cols.c.push(ref(e.card));
    cols.t.push(e.ts - prevTs);
    prevTs = e.ts;
    cols.n.push(e.length);
    l.push(String(CLASSES.indexOf(e.label)), String(AREAS.indexOf(e.area)), e.automation ? '1' : '0');
    cols.r += e.rh;
    cols.s += e.signature;
    gateway.m.push(optRef(e.model));
    gateway.p.push(optRef(e.accessPath));
    gateway.u.push(optRef(e.signupPath));
    gateway.k.push(e.createdAt ?? null);
    anyGateway ||=
      e.model !== undefined || e.accessPath !== undefined || e.signupPath !== undefined || e.createdAt !== undefined;
  }
  cols.l = l.join('');
  if (anyGateway) Object.assign(cols, gateway);
  return deflateRawSync(Buffer.from(JSON.stringify(cols)), { level: 1 });
}

export function decodePartResult(buf: Buffer): PartResult {
  const cols = JSON.parse(inflateRawSync(buf).toString('utf8')) as Columns;
  const events: PartEvent[] = new Array<PartEvent>(cols.a.length);
  let ts = 0;
  const opt = (col: number[] | undefined, k: number) => {
    const i = col?.[k] ?? -1;
    return i < 0 ? undefined : cols.dict[i];
  };
  for (let k = 0; k < cols.a.length; k++) {
    ts += cols.t[k]!;
    const model = opt(cols.m, k);
    const accessPath = opt(cols.p, k);
    const signupPath = opt(cols.u, k);
    const createdAt = cols.k?.[k] ?? null;
    events[k] = {
      account: cols.dict[cols.a[k]!]!,
      rh: cols.r.slice(k * 16, k * 16 + 16),
      ts,
      label: CLASSES[Number(cols.l[k * 3])]!,
      area: AREAS[Number(cols.l[k * 3 + 1])]!,
      signature: cols.s.slice(k * 16, k * 16 + 16),
      length: cols.n[k]!,
      automation: cols.l[k * 3 + 2] === '1',
      ip: cols.dict[cols.i[k]!]!,
      card: cols.dict[cols.c[k]!]!,
      ...(model !== undefined ? { model } : {}),
      ...(accessPath !== undefined ? { accessPath } : {}),
      ...(createdAt !== null ? { createdAt } : {}),
      ...(signupPath !== undefined ? { signupPath } : {}),
    };
  }
  return {
    index: cols.index,
    firstLine: cols.firstLine,
    bytes: cols.bytes,
    events,
    errors: cols.errors,
    stats: cols.stats,
  };
}
