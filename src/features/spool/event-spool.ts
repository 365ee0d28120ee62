/**
 * A local, durable, bounded spool of labelled events that could not be enqueued (Redis down or
 * late). Events are appended as JSON lines to numbered segment files; an append resolves only
 * after the bytes are written and `fdatasync`ed, and concurrent appends share one write + sync.
 * Replay reads segments oldest first, hands events in file order to `enqueue` in chunks, and
 * records progress in a checkpoint file after each chunk, so a crash mid-replay repeats at most
 * one chunk (harmless: enqueueing is idempotent by request id). A torn last line left by a crash
 * is cut off when the spool is opened. One process owns a spool directory (`spool.lock`).
 * Files and their recovery: spool-files.ts.
 */
import { mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { AccountEventJob } from '../../contracts/events.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import {
  acquireLock,
  offsetFile,
  recoverSegments,
  scanLines,
  segName,
  writeOffset,
  type Segment,
} from './spool-files.js';

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

interface PendingAppend {
  data: Buffer;
  events: number;
  resolve(outcome: AppendOutcome): void;
  reject(err: unknown): void;
}

export async function openEventSpool(opts: EventSpoolOptions): Promise<EventSpool> {
  const segmentBytes = opts.segmentBytes ?? 8 * 1024 * 1024;
  await mkdir(opts.dir, { recursive: true });
  const lockFile = await acquireLock(opts.dir);
  const segments = await recoverSegments(opts.dir, opts.logger);

  const last = segments.at(-1);
  let nextSeq = (last?.seq ?? 0) + 1;
  let active: { segment: Segment; fh: FileHandle } | undefined;
  let full = false;
  let closed = false;

  const pendingEvents = () => segments.reduce((n, s) => n + s.events, 0);
  const pendingBytes = () => segments.reduce((n, s) => n + (s.size - s.offset), 0);
  if (segments.length > 0)
    opts.logger.warn(
      { dir: opts.dir, events: pendingEvents(), bytes: pendingBytes() },
      'spool holds events from a previous run; they will be replayed',
    );

  const openActive = async () => {
    const segment: Segment = {
      seq: nextSeq++,
      file: path.join(opts.dir, segName(nextSeq - 1)),
      size: 0,
      offset: 0,
      events: 0,
    };
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
      if (!full)
        opts.logger.error(
          { dir: opts.dir, maxBytes: opts.maxBytes, events: pendingEvents() },
          'ALARM: event spool is full; events that cannot be enqueued are being dropped',
        );
      full = true;
      opts.onDropped?.(jobs.length);
      return Promise.resolve('full');
    }
    return new Promise<AppendOutcome>((resolve, reject) => {
      queue.push({ data, events: jobs.length, resolve, reject });
      kick();
    });
  };

  let replaying: Promise<number> | undefined;
  const replayAll = async (enqueue: (jobs: AccountEventJob[]) => Promise<void>, chunk: number): Promise<number> => {
    let replayed = 0;
    for (;;) {
      // Appends made from here on go to a fresh segment, so the one being replayed is immutable.
      while (writing !== undefined) await writing;
      // No write is in flight here; seal() detaches the active segment before its first await.
      if (active !== undefined && active.segment.size > 0) await seal();
      const segment =
        segments.find((s) => s !== active?.segment && s.events > 0) ??
        segments.find((s) => s !== active?.segment && s.offset >= s.size);
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
