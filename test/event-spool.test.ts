import { appendFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountEventJob } from '../src/contracts/events.js';
import { openEventSpool } from '../src/features/spool/event-spool.js';
import { createLogger } from '../src/logger.js';
import { job } from './helpers/accounts.js';
import { tempDir } from './helpers/reliability.js';

const logger = createLogger('silent');
const dirs: { remove(): Promise<void> }[] = [];
const newDir = async () => {
  const d = await tempDir('spool');
  dirs.push(d);
  return d.dir;
};
afterEach(async () => {
  for (const d of dirs.splice(0)) await d.remove();
});

const jobs = (n: number, from = 0): AccountEventJob[] =>
  Array.from({ length: n }, (_, i) => job({ request_id: `r-${from + i}` }));

describe('event spool', () => {
  it('keeps appended events across a restart and replays them in order, then is empty', async () => {
    const dir = await newDir();
    const first = await openEventSpool({ dir, maxBytes: 1 << 20, logger, segmentBytes: 2000 });
    // Concurrent appends share writes; segments roll at 2 kB.
    const outcomes = await Promise.all([first.append(jobs(5, 0)), first.append(jobs(5, 5))]);
    outcomes.push(await first.append(jobs(10, 10)), await first.append(jobs(10, 20)));
    expect(outcomes).toEqual(['spooled', 'spooled', 'spooled', 'spooled']);
    expect(first.pending()).toBe(30);
    await first.close();
    expect((await readdir(dir)).filter((n) => n.endsWith('.jsonl')).length).toBeGreaterThan(1);

    const second = await openEventSpool({ dir, maxBytes: 1 << 20, logger });
    expect(second.pending()).toBe(30);
    const seen: string[] = [];
    const n = await second.replay(async (chunk) => {
      seen.push(...chunk.map((j) => j.request_id));
    }, 7);
    expect(n).toBe(30);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `r-${i}`));
    expect(second.pending()).toBe(0);
    expect(second.stats()).toMatchObject({ events: 0, bytes: 0, full: false });
    await second.close();
    expect((await readdir(dir)).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
  });

  it('resumes a failed replay after the last replayed chunk (nothing lost, at most a chunk repeated)', async () => {
    const dir = await newDir();
    const spool = await openEventSpool({ dir, maxBytes: 1 << 20, logger });
    await spool.append(jobs(10));
    const seen: string[] = [];
    let calls = 0;
    await expect(
      spool.replay(async (chunk) => {
        if (++calls === 3) throw new Error('redis down');
        seen.push(...chunk.map((j) => j.request_id));
      }, 3),
    ).rejects.toThrow('redis down');
    expect(seen).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-4', 'r-5']);
    expect(spool.pending()).toBe(4);
    await spool.close();
    // The checkpoint survives a restart too.
    const again = await openEventSpool({ dir, maxBytes: 1 << 20, logger });
    expect(again.pending()).toBe(4);
    await again.replay(async (chunk) => {
      seen.push(...chunk.map((j) => j.request_id));
    });
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `r-${i}`));
    await again.close();
  });

  it('cuts off a torn last line left by a crash', async () => {
    const dir = await newDir();
    const spool = await openEventSpool({ dir, maxBytes: 1 << 20, logger });
    await spool.append(jobs(3));
    await spool.close();
    const [segment] = (await readdir(dir)).filter((n) => n.endsWith('.jsonl'));
    await appendFile(path.join(dir, segment!), '{"request_id":"r-3","acc');
    const reopened = await openEventSpool({ dir, maxBytes: 1 << 20, logger });
    expect(reopened.pending()).toBe(3);
    const seen: string[] = [];
    await reopened.replay(async (c) => {
      seen.push(...c.map((j) => j.request_id));
    });
    expect(seen).toEqual(['r-0', 'r-1', 'r-2']);
    await reopened.close();
  });

  it('is bounded: refuses what does not fit, reports full, and has room again after a replay', async () => {
    const dir = await newDir();
    let dropped = 0;
    const one = Buffer.byteLength(`${JSON.stringify(jobs(1)[0])}\n`);
    const spool = await openEventSpool({ dir, maxBytes: one * 10 + 5, logger, onDropped: (n) => (dropped += n) });
    expect(await spool.append(jobs(10))).toBe('spooled');
    expect(await spool.append(jobs(2, 10))).toBe('full');
    expect(dropped).toBe(2);
    expect(spool.stats().full).toBe(true);
    expect(spool.pending()).toBe(10);
    await spool.replay(async () => {});
    expect(spool.stats().full).toBe(false);
    expect(await spool.append(jobs(1, 20))).toBe('spooled');
    await spool.close();
  });

  it('one process per spool directory', async () => {
    const dir = await newDir();
    const spool = await openEventSpool({ dir, maxBytes: 1 << 20, logger });
    // The lock names this (live) process, so a second opener in another process would be refused;
    // within the process the lock holder is ourselves and reopening after close works.
    await spool.close();
    const again = await openEventSpool({ dir, maxBytes: 1 << 20, logger });
    await again.close();
  });
});
