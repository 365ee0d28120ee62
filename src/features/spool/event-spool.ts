/**
 * A local, durable, bounded spool of labelled events that could not be enqueued (Redis down or
 * late). Events are appended as JSON lines to numbered segment files; an append resolves only
 * after the bytes are written and `fdatasync`ed, and concurrent appends share one write + sync.
 * Replay reads segments oldest first, hands events in file order to `enqueue` in chunks, and
 * records progress in a checkpoint file after each chunk, so a crash mid-replay repeats at most
 * one chunk (harmless: enqueueing is idempotent by request id). A torn last line left by a crash
 * is cut off when the spool is opened. One process owns a spool directory (`spool.lock`).
 *
 * Files: `seg-<12 digits>.jsonl` (events), `seg-<12 digits>.offset` (bytes already replayed).
 */
import { open, readdir, readFile, rename, rm, mkdir, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AccountEventJob } from '../../contracts/events.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';

export interface SpoolStats {
  /** Events waiting to be replayed. */
  events: number;
  /** Bytes of events waiting to be replayed. */
  bytes: number;
  maxBytes: number;
  /** True after an append was refused for lack of room, until replay frees space. */
  full: boolean;
}

export type AppendOutcome = 'spooled' | 'full';

export interface EventSpool {
  /** Appends events durably (resolved after fsync); 'full' when they do not fit (nothing written). */
  append(jobs: readonly AccountEventJob[]): Promise<AppendOutcome>;
  /** Events waiting to be replayed. */
  pending(): number;
  stats(): SpoolStats;
  /**
   * Replays every spooled event in order through `enqueue`, `chunk` at a time; stops and rethrows
   * at the first failure (what was replayed before stays replayed). Returns the events replayed.
   */
  replay(enqueue: (jobs: AccountEventJob[]) => Promise<void>, chunk?: number): Promise<number>;
  /** Waits for pending appends and closes the files; the spool stays on disk for the next start. */
  close(): Promise<void>;
}

export interface EventSpoolOptions {
  dir: string;
  maxBytes: number;
  /** A new segment is started when the current one reaches this size. */
  segmentBytes?: number;
  logger: Logger;
  /** Called with the number of events refused when the spool is full (alarm metric). */
  onDropped?: (events: number) => void;
  onAppended?: (events: number) => void;
  onReplayed?: (events: number) => void;
}

interface Segment {
  seq: number;
  file: string;
  /** Bytes in the file. */
  size: number;
  /** Bytes already replayed. */
  offset: number;
  /** Events not yet replayed. */
  events: number;
}

interface PendingAppend {
  data: Buffer;
  events: number;
  resolve(outcome: AppendOutcome): void;
  reject(err: unknown): void;
}

const SEGMENT = /^seg-(\d{12})\.jsonl$/;
const segName = (seq: number) => `seg-${String(seq).padStart(12, '0')}.jsonl`;
const offsetFile = (segmentFile: string) => segmentFile.replace(/\.jsonl$/, '.offset');

async function acquireLock(dir: string): Promise<string> {
  const lock = path.join(dir, 'spool.lock');
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' });
    return lock;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
  let alive = false;
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid) {
    try {
      process.kill(holder, 0);
      alive = true;
    } catch {
      alive = false;
    }
  }
  if (alive) {
    throw new AppError(500, 'spool_locked', `The spool directory ${dir} is in use by process ${holder}; give each process its own SPOOL_DIR.`);
  }
  await writeFile(lock, String(process.pid));
  return lock;
}

/** Reads the complete, valid lines of a segment after `offset`; returns them and where valid data ends. */
function scanLines(buf: Buffer, offset: number): { lines: { job: AccountEventJob; end: number }[]; validEnd: number } {
  const lines: { job: AccountEventJob; end: number }[] = [];
  let start = offset;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) break;
    let parsed: unknown;
    try {
      parsed = JSON.parse(buf.subarray(start, nl).toString('utf8'));
    } catch {
      break;
    }
    const job = AccountEventJob.safeParse(parsed);
    if (!job.success) break;
    lines.push({ job: job.data, end: nl + 1 });
    start = nl + 1;
  }
  return { lines, validEnd: start };
}

export async function openEventSpool(opts: EventSpoolOptions): Promise<EventSpool> {
  const segmentBytes = opts.segmentBytes ?? 8 * 1024 * 1024;
  await mkdir(opts.dir, { recursive: true });
  const lockFile = await acquireLock(opts.dir);

  // Recover: every segment, its checkpoint, and a torn tail cut off.
  const segments: Segment[] = [];
  const names = (await readdir(opts.dir)).filter((n) => SEGMENT.test(n)).sort();
  for (const name of names) {
    const file = path.join(opts.dir, name);
    const buf = await readFile(file);
    const offsetRaw = await readFile(offsetFile(file), 'utf8').catch(() => '0');
    const offset = Math.min(buf.length, Math.max(0, Number.parseInt(offsetRaw, 10) || 0));
    const { lines, validEnd } = scanLines(buf, offset);
    if (validEnd < buf.length) {
      opts.logger.warn({ file, cut: buf.length - validEnd }, 'spool segment had an incomplete or invalid tail; cut it off');
      const fh = await open(file, 'r+');
      await fh.truncate(validEnd);
      await fh.datasync();
      await fh.close();
    }
    segments.push({ seq: Number(SEGMENT.exec(name)![1]), file, size: validEnd, offset, events: lines.length });
  }
  const last = segments.at(-1);
  let nextSeq = (last?.seq ?? 0) + 1;
  let active: { segment: Segment; fh: FileHandle } | undefined;
  let full = false;
  let closed = false;

  const pendingEvents = () => segments.reduce((n, s) => n + s.events, 0);
  const pendingBytes = () => segments.reduce((n, s) => n + (s.size - s.offset), 0);
  if (segments.length > 0) opts.logger.warn({ dir: opts.dir, events: pendingEvents(), bytes: pendingBytes() }, 'spool holds events from a previous run; they will be replayed');

  const openActive = async () => {
    const segment: Segment = { seq: nextSeq++, file: path.join(opts.dir, segName(nextSeq - 1)), size: 0, offset: 0, events: 0 };
    const fh = await open(segment.file, 'a');
    segments.push(segment);
    active = { segment, fh };
    return active;
  };

  const seal = async () => {
    if (active === undefined) return;
    const { fh } = active;
    active = undefined;
    await fh.close();
  };

  // One write + fdatasync at a time; appends arriving meanwhile form the next group.
  let queue: PendingAppend[] = [];
  let writing: Promise<void> | undefined;
  const writeGroup = async (): Promise<void> => {
    while (queue.length > 0) {
      const group = queue;
      queue = [];
      try {
        let target = active ?? (await openActive());
        if (target.segment.size >= segmentBytes) {
          await seal();
          target = await openActive();
        }
        const data = Buffer.concat(group.map((g) => g.data));
        await target.fh.write(data);
        await target.fh.datasync();
        target.segment.size += data.length;
        const events = group.reduce((n, g) => n + g.events, 0);
        target.segment.events += events;
        opts.onAppended?.(events);
        for (const g of group) g.resolve('spooled');
      } catch (err) {
        for (const g of group) g.reject(err);
      }
    }
  };
  const kick = () => {
    writing ??= writeGroup().finally(() => {
      writing = undefined;
      if (queue.length > 0) kick();
    });
  };

  const append = (jobs: readonly AccountEventJob[]): Promise<AppendOutcome> => {
    if (closed) return Promise.reject(new AppError(503, 'spool_closed', 'The spool is closed (shutting down).'));
    if (jobs.length === 0) return Promise.resolve('spooled');
    const data = Buffer.from(jobs.map((j) => `${JSON.stringify(j)}\n`).join(''), 'utf8');
    const queued = queue.reduce((n, g) => n + g.data.length, 0);
    if (pendingBytes() + queued + data.length > opts.maxBytes) {
      if (!full) opts.logger.error({ dir: opts.dir, maxBytes: opts.maxBytes, events: pendingEvents() }, 'ALARM: event spool is full; events that cannot be enqueued are being dropped');
      full = true;
      opts.onDropped?.(jobs.length);
      return Promise.resolve('full');
    }
    return new Promise<AppendOutcome>((resolve, reject) => {
      queue.push({ data, events: jobs.length, resolve, reject });
      kick();
    });
  };

  const writeOffset = async (segment: Segment) => {
    const target = offsetFile(segment.file);
    const tmp = `${target}.tmp`;
    const fh = await open(tmp, 'w');
    await fh.writeFile(String(segment.offset));
    await fh.datasync();
    await fh.close();
    await rename(tmp, target);
  };

  let replaying: Promise<number> | undefined;
  const replayAll = async (enqueue: (jobs: AccountEventJob[]) => Promise<void>, chunk: number): Promise<number> => {
    let replayed = 0;
    for (;;) {
      // Appends made from here on go to a fresh segment, so the one being replayed is immutable.
      while (writing !== undefined) await writing;
      // No write is in flight here; seal() detaches the active segment before its first await.
      if (active !== undefined && active.segment.size > 0) await seal();
      const segment = segments.find((s) => s !== active?.segment && s.events > 0) ?? segments.find((s) => s !== active?.segment && s.offset >= s.size);
      if (segment === undefined) break;
      if (segment.events > 0) {
        const buf = await readFile(segment.file);
        const { lines } = scanLines(buf.subarray(0, segment.size), segment.offset);
        for (let i = 0; i < lines.length; i += chunk) {
          const part = lines.slice(i, i + chunk);
          await enqueue(part.map((l) => l.job));
          segment.offset = part.at(-1)!.end;
          segment.events -= part.length;
          replayed += part.length;
          opts.onReplayed?.(part.length);
          await writeOffset(segment);
        }
        segment.events = 0;
      }
      // Fully replayed: remove it.
      segments.splice(segments.indexOf(segment), 1);
      await rm(segment.file, { force: true });
      await rm(offsetFile(segment.file), { force: true });
      if (full && pendingBytes() < opts.maxBytes / 2) {
        full = false;
        opts.logger.warn({ dir: opts.dir }, 'event spool has room again');
      }
    }
    return replayed;
  };

  return {
    append,
    pending: () => pendingEvents() + queue.reduce((n, g) => n + g.events, 0),
    stats: () => ({ events: pendingEvents(), bytes: pendingBytes(), maxBytes: opts.maxBytes, full }),
    replay(enqueue, chunk = 500) {
      replaying ??= replayAll(enqueue, chunk).finally(() => {
        replaying = undefined;
      });
      return replaying;
    },
    async close() {
      closed = true;
      while (writing !== undefined) await writing;
      await (replaying?.catch(() => 0) ?? Promise.resolve());
      await seal();
      // An empty segment left open holds nothing: remove it.
      for (const s of [...segments]) {
        if (s.size === 0) {
          segments.splice(segments.indexOf(s), 1);
          await rm(s.file, { force: true });
        }
      }
      await rm(lockFile, { force: true });
    },
  };
}

/** Size of a directory's spool files, for diagnostics. */
export async function spoolBytesOnDisk(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (SEGMENT.test(name)) total += (await stat(path.join(dir, name))).size;
  }
  return total;
}
