import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeys } from '../src/features/rescore/run-keys.js';
import { simulate } from '../src/features/simulate/simulate.js';
import { cleanup, connect, REDIS_ENV, uniquePrefix } from './helpers/accounts.js';
import { waitFor } from './helpers/wait.js';

/** The shipped launcher (it runs the compiled CLI that `npm ci` builds). */
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'distill-guard.js');
let dir: string;
let redis: Redis;
const prefixes: string[] = [];

/** Every other process of this machine with the NUL-separated fields of its /proc `file` (Linux). */
function processes(file: 'cmdline' | 'environ'): { pid: number; fields: string[] }[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
    .flatMap((pid) => {
      try {
        return [{ pid: Number(pid), fields: readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0') }];
      } catch {
        return [];
      }
    });
}

/** Command lines of this machine's processes that mention `needle`. */
const commandLines = (needle: string) =>
  processes('cmdline')
    .map((p) => p.fields.join(' '))
    .filter((cmd) => cmd.includes(needle));

/** Processes whose environment holds `entry` exactly. */
const pidsWithEnv = (entry: string) =>
  processes('environ')
    .filter((p) => p.fields.includes(entry))
    .map((p) => p.pid);

beforeAll(async () => {
  redis = await connect();
  dir = await mkdtemp(path.join(os.tmpdir(), 'dg-launcher-'));
});

afterAll(async () => {
  for (const p of prefixes) await cleanup(redis, p);
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs `rescore` through the launcher in its own process group (as a terminal runs a command), with
 * `RESCORE_HEAP_MIB=heap`, waits until a chunk is committed, sends `signal` to `target` and returns
 * the exit code or signal, stderr, and how many processes of the run are left.
 */
async function interruptedRescore(
  name: string,
  target: 'group' | 'launcher',
  signal: NodeJS.Signals = 'SIGINT',
  extra: string[] = ['--encoder-threads', '1'],
  heap = '300',
) {
  const history = path.join(dir, `${name}.history.jsonl`);
  const events = simulate({ seed: 5, accounts: 30, days: 2, labels: false }).events;
  await writeFile(history, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  const out = path.join(dir, `${name}.out.jsonl`);
  const prefix = uniquePrefix(`launcher-${name}`);
  prefixes.push(prefix);
  const child = spawn(process.execPath, [BIN, 'rescore', '-i', history, '-o', out, '--chunk-lines', '100', ...extra], {
    detached: true,
    env: { ...process.env, ...REDIS_ENV, ACCOUNT_PREFIX: prefix, LOG_LEVEL: 'silent', RESCORE_HEAP_MIB: heap },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  // The restarted command shares the launcher's stderr: it closes when the last of them exits.
  const closed = once(child.stderr, 'close');
  const exited = once(child, 'exit');
  try {
    const runId = await waitFor(async () => {
      try {
        return (JSON.parse(await readFile(`${out}.rescore-run.json`, 'utf8')) as { run_id: string }).run_id;
      } catch {
        return undefined;
      }
    }, 120_000);
    const meta = runKeys(prefix, runId).meta;
    await waitFor(async () => (Number(await redis.hget(meta, 'chunks_done')) >= 1 ? true : undefined), 120_000, 25);
    const running = commandLines(out).filter((c) => c.includes(' rescore '));
    if (target === 'group') process.kill(-child.pid!, signal);
    else child.kill(signal);
    const [code, ended] = (await exited) as [number | null, NodeJS.Signals | null];
    // Worker processes the run started are stopped with it (they carry its prefix).
    const left = await waitFor(async () => {
      const still = pidsWithEnv(`ACCOUNT_PREFIX=${prefix}`).length;
      return still === 0 ? 0 : undefined;
    }, 20_000).catch(() => pidsWithEnv(`ACCOUNT_PREFIX=${prefix}`).length);
    if (left === 0) await closed.catch(() => undefined);
    return { code, ended, log, running, left };
  } finally {
    // Whatever happened, nothing of this run is left running (the restarted command has a process
    // group of its own, so it is found by its prefix).
    for (const pid of pidsWithEnv(`ACCOUNT_PREFIX=${prefix}`)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

describe('bin/distill-guard.js', () => {
  it('starts rescore again with a bounded heap; Ctrl-C to the group stops the run once, cleanly and resumable', async () => {
    const r = await interruptedRescore('group', 'group');
    expect(r.running.some((c) => c.includes('--max-old-space-size=300'))).toBe(true);
    expect(r.code, r.log).toBe(130);
    expect(r.log).toMatch(/interrupted: committed chunks are kept; continue with/);
  }, 180_000);

  it('passes a SIGINT sent to the launcher alone on to the run', async () => {
    const r = await interruptedRescore('alone', 'launcher');
    expect(r.code, r.log).toBe(130);
    expect(r.log).toMatch(/interrupted: committed chunks are kept; continue with/);
  }, 180_000);

  it('stops a run of two worker processes on SIGTERM, resumable, and leaves no worker running', async () => {
    const r = await interruptedRescore('term', 'launcher', 'SIGTERM', ['--workers', '2', '--encoder-threads', '1']);
    expect(r.code, r.log).toBe(143);
    expect(r.log).toMatch(/interrupted: committed chunks are kept; continue with/);
    expect(r.left).toBe(0);
  }, 180_000);

  it('ends quietly with the SIGPIPE code when its reader stops early', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // The reader goes away before the help is written.
    child.stdout.destroy();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(err).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(141);
  }, 30_000);

  it('stops the worker processes of a run whose coordinating process is killed outright', async () => {
    // No heap bound: the launcher runs the command itself, so SIGKILL ends the coordinating process.
    const r = await interruptedRescore(
      'coord',
      'launcher',
      'SIGKILL',
      ['--workers', '2', '--encoder-threads', '1'],
      '0',
    );
    expect(r.ended).toBe('SIGKILL');
    expect(r.left).toBe(0);
    expect(r.log).toMatch(/is gone; stopping/);
  }, 180_000);

  it('stops the restarted run, resumable, when the launcher itself is killed outright', async () => {
    const r = await interruptedRescore('kill', 'launcher', 'SIGKILL', ['--workers', '2', '--encoder-threads', '1']);
    expect(r.ended).toBe('SIGKILL');
    // The run and its worker processes stopped by themselves, as on SIGTERM.
    expect(r.left).toBe(0);
    expect(r.log).toMatch(/interrupted: committed chunks are kept; continue with/);
  }, 180_000);
});
