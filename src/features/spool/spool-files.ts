/**
 * The spool's files: `seg-<12 digits>.jsonl` (events, one JSON line each) and
 * `seg-<12 digits>.offset` (bytes already replayed, replaced atomically), plus `spool.lock`
 * naming the process that owns the directory.
 */
import { open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AccountEventJob } from '../../contracts/events.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';

export interface Segment {
  seq: number;
  file: string;
  /** Bytes in the file. */
  size: number;
  /** Bytes already replayed. */
  offset: number;
  /** Events not yet replayed. */
  events: number;
}

const SEGMENT = /^seg-(\d{12})\.jsonl$/;
export const segName = (seq: number) => `seg-${String(seq).padStart(12, '0')}.jsonl`;
export const offsetFile = (segmentFile: string) => segmentFile.replace(/\.jsonl$/, '.offset');

/** Takes the directory for this process; refuses while another live process holds it, takes over a dead one's lock. */
export async function acquireLock(dir: string): Promise<string> {
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
    throw new AppError(
      500,
      'spool_locked',
      `The spool directory ${dir} is in use by process ${holder}; give each process its own SPOOL_DIR.`,
    );
  }
  await writeFile(lock, String(process.pid));
  return lock;
}

export /** Reads the complete, valid lines of a segment after `offset`; returns them and where valid data ends. */
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

/** Every segment in `dir` with its checkpoint, oldest first; a torn or invalid tail is cut off. */
export async function recoverSegments(dir: string, logger: Logger): Promise<Segment[]> {
  const segments: Segment[] = [];
  const names = (await readdir(dir)).filter((n) => SEGMENT.test(n)).sort();
  for (const name of names) {
    const file = path.join(dir, name);
    const buf = await readFile(file);
    const offsetRaw = await readFile(offsetFile(file), 'utf8').catch(() => '0');
    const offset = Math.min(buf.length, Math.max(0, Number.parseInt(offsetRaw, 10) || 0));
    const { lines, validEnd } = scanLines(buf, offset);
    if (validEnd < buf.length) {
      logger.warn({ file, cut: buf.length - validEnd }, 'spool segment had an incomplete or invalid tail; cut it off');
      const fh = await open(file, 'r+');
      await fh.truncate(validEnd);
      await fh.datasync();
      await fh.close();
    }
    segments.push({ seq: Number(SEGMENT.exec(name)![1]), file, size: validEnd, offset, events: lines.length });
  }
  return segments;
}

/** Records a segment's replay progress durably (write, sync, rename). */
export async function writeOffset(segment: Segment): Promise<void> {
  const target = offsetFile(segment.file);
  const tmp = `${target}.tmp`;
  const fh = await open(tmp, 'w');
  await fh.writeFile(String(segment.offset));
  await fh.datasync();
  await fh.close();
  await rename(tmp, target);
}
