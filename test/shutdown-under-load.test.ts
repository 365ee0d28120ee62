/**
 * SIGTERM under load, in every encoder configuration: one encoder thread, a pool of one thread
 * per core, one thread with one intra-op thread per core, and both at once. A `serve` process
 * answering 16 clients that send long prompts gets SIGTERM and must exit within 5 s, with code 0,
 * having answered every request it accepted with 200 or refused the connection (never a 5xx).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.join(import.meta.dirname, '..', 'src', 'cli.ts');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const cores = Math.max(2, os.availableParallelism());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const PARAGRAPH =
  'The committee reviewed the quarterly figures for each region, compared them with the plan, and noted where costs ran ahead of revenue. ';

async function sigtermUnderLoad(threads: number, intraOp: number) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--no-worker', '--port', String(port)], {
    env: {
      ...process.env,
      REDIS_URL,
      LOG_LEVEL: 'warn',
      ACCOUNT_PREFIX: `shutdown${process.pid}${threads}${intraOp}`,
      ENCODER_THREADS: String(threads),
      ENCODER_INTRA_OP_THREADS: String(intraOp),
      DISTILL_GUARD_PRESCREEN: 'off',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited early: ${stderr}`);
      if (
        await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const statuses: number[] = [];
    let refused = 0;
    let stop = false;
    let n = 0;
    const client = async () => {
      while (!stop) {
        const res = await fetch(`${url}/v1/classify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ input: `${PARAGRAPH.repeat(12)}Request ${n++}.` }),
        }).catch(() => null);
        if (res === null) {
          refused++;
          await new Promise((r) => setTimeout(r, 20));
        } else {
          statuses.push(res.status);
          await res.arrayBuffer();
        }
      }
    };
    const clients = Array.from({ length: 16 }, client);
    while (statuses.length < 16) await new Promise((r) => setTimeout(r, 50));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const { code, at } = await exited;
    stop = true;
    await Promise.all(clients);
    return { ms: at - signalled, code, statuses, refused, stderr };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

describe('SIGTERM under load', () => {
  for (const [threads, intraOp] of [
    [1, 1],
    [cores, 1],
    [1, cores],
    [cores, cores],
  ] as const) {
    it(`drains and exits within 5 s with ${threads} encoder thread(s) × ${intraOp} intra-op`, async () => {
      const r = await sigtermUnderLoad(threads, intraOp);
      expect(r.code, r.stderr).toBe(0);
      expect(r.ms).toBeLessThan(5000);
      expect(r.statuses.filter((s) => s !== 200)).toEqual([]);
    }, 240_000);
  }
});
