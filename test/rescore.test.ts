import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { readHistory, scoreAccounts } from './helpers/offline-reference.js';
import { toRescoreLine } from '../src/features/aggregate/score-account.js';
import { runKeys } from '../src/features/rescore/run-keys.js';
import { simulate } from '../src/features/simulate/simulate.js';
import { bullPrefix } from '../src/redis/bull-prefix.js';
import { cleanup, connect, keysMatching, REDIS_ENV, uniquePrefix } from './helpers/accounts.js';
import { waitFor } from './helpers/wait.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let dir: string;
let redis: Redis;
const prefixes: string[] = [];
let history: string;
let historyLines: string[];

async function writeHistory(
  file: string,
  opts: { seed: number; accounts: number; days: number; labels: boolean },
): Promise<string[]> {
  const lines = simulate(opts).events.map((e) => JSON.stringify(e));
  await writeFile(file, `${lines.join('\n')}\n`);
  return lines;
}

function newPrefix(name: string): string {
  const p = uniquePrefix(name);
  prefixes.push(p);
  return p;
}

async function cli(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (d: Buffer) => out.push(d));
  stderr.on('data', (d: Buffer) => err.push(d));
  const code = await main(['node', 'distill-guard', ...args], {
    stdout,
    stderr,
    env: { ...REDIS_ENV, LOG_LEVEL: 'silent', ...env },
  });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

function spawnCli(args: string[], env: Record<string, string>): ChildProcess & { log: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...REDIS_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  return Object.assign(child, { log: () => log });
}

/** The reference: the single-process offline path (whole history in memory). */
async function offlineReference(file: string): Promise<string> {
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  const h = await readHistory(createReadStream(file), { maxPromptChars: 32_768 });
  return scoreAccounts(h.byAccount, model)
    .map((v) => `${JSON.stringify(toRescoreLine(v))}\n`)
    .join('');
}

beforeAll(async () => {
  redis = await connect();
  dir = await mkdtemp(path.join(os.tmpdir(), 'dg-rescore-'));
  history = path.join(dir, 'history.jsonl');
  historyLines = await writeHistory(history, { seed: 11, accounts: 40, days: 3, labels: true });
});

afterAll(async () => {
  for (const p of prefixes) await cleanup(redis, p);
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
});

describe('distill-guard rescore (chunked on BullMQ)', () => {
  it('gives byte for byte the output of the single-process offline path, with the end summary', async () => {
    const out = path.join(dir, 'ref.jsonl');
    const r = await cli(['rescore', '-i', history, '-o', out, '--chunk-lines', '500'], {
      ACCOUNT_PREFIX: newPrefix('rs-ref'),
    });
    expect(r.code, r.stderr).toBe(0);
    const got = await readFile(out, 'utf8');
    expect(got).toBe(await offlineReference(history));
    const accounts = got.trim().split('\n').length;
    expect(r.stderr).toMatch(
      new RegExp(`rescored ${accounts} accounts from ${historyLines.length.toLocaleString('en-US')} events`),
    );
    expect(r.stderr).toMatch(/flagged: elevated \d+, high \d+, critical \d+; clusters: 0; all lines carried labels/);
    expect(existsSync(`${out}.rescore-run.json`)).toBe(false);
  });

  it('takes clusters from `distill-guard clusters`: members carry cluster_id and, in attack clusters, the cluster factor', async () => {
    const clustersFile = path.join(dir, 'clusters.jsonl');
    const c = await cli(['clusters', '-i', history, '-o', clustersFile], {});
    expect(c.code, c.stderr).toBe(0);
    const clusters = (await readFile(clustersFile, 'utf8'))
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { cluster_id: string; score: number; members: string[] });
    const attack = clusters.find((k) => k.score >= 0.6);
    expect(attack, 'the simulated history holds an attack campaign').toBeDefined();
    const out = path.join(dir, 'with-clusters.jsonl');
    const r = await cli(['rescore', '-i', history, '-o', out, '--clusters', clustersFile], {
      ACCOUNT_PREFIX: newPrefix('rs-cl'),
    });
    expect(r.code, r.stderr).toBe(0);
    const rows = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            account_id: string;
            cluster_id: string | null;
            top_factors: { factor: string; detail: string }[];
          },
      );
    const byId = new Map(rows.map((row) => [row.account_id, row]));
    for (const k of clusters)
      for (const m of k.members) if (byId.has(m)) expect(byId.get(m)!.cluster_id).toBe(k.cluster_id);
    const member = byId.get(attack!.members[0]!)!;
    const factor = member.top_factors.find((f) => f.factor === 'cluster_score');
    expect(factor?.detail).toContain(attack!.cluster_id);
    const outsiders = rows.filter((row) => !clusters.some((k) => k.members.includes(row.account_id)));
    expect(outsiders.every((row) => row.cluster_id === null)).toBe(true);
  });

  it('reports malformed lines with their line numbers, never fatally, and uses every good line', async () => {
    const clean = historyLines.slice(0, 400);
    const bad = [...clean];
    bad.splice(4, 0, '{"request_id": "r1", not json');
    bad.splice(16, 0, '{"request_id":"r2","account_id":"a"}');
    bad.splice(39, 0, '[1,2,3]');
    bad.splice(250, 0, '');
    const badFile = path.join(dir, 'bad.jsonl');
    const cleanFile = path.join(dir, 'clean.jsonl');
    await writeFile(badFile, `${bad.join('\n')}\n`);
    await writeFile(cleanFile, `${clean.join('\n')}\n`);
    const prefix = newPrefix('rs-bad');
    const r = await cli(['rescore', '-i', badFile, '-o', path.join(dir, 'bad-out.jsonl'), '--chunk-lines', '100'], {
      ACCOUNT_PREFIX: prefix,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^line 5: not valid JSON/m);
    expect(r.stderr).toMatch(/^line 17: .*timestamp/m);
    expect(r.stderr).toMatch(/^line 40: not a JSON object$/m);
    expect(r.stderr).toMatch(/from 400 events \(404 lines, 3 malformed/);
    const c = await cli(['rescore', '-i', cleanFile, '-o', path.join(dir, 'clean-out.jsonl'), '--chunk-lines', '100'], {
      ACCOUNT_PREFIX: prefix,
    });
    expect(c.code).toBe(0);
    expect(await readFile(path.join(dir, 'bad-out.jsonl'), 'utf8')).toBe(
      await readFile(path.join(dir, 'clean-out.jsonl'), 'utf8'),
    );
  });

  it('fails fast on an input that is not JSONL', async () => {
    const csv = path.join(dir, 'history.csv');
    await writeFile(
      csv,
      'request_id,account_id,timestamp,prompt\n' +
        Array.from({ length: 5000 }, (_, i) => `r${i},a,2025-03-03T00:00:00Z,hello`).join('\n'),
    );
    const out = path.join(dir, 'csv-out.jsonl');
    const r = await cli(['rescore', '-i', csv, '-o', out], { ACCOUNT_PREFIX: newPrefix('rs-csv') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/input is not JSONL: none of the first 20 non-empty lines is a JSON object \(line 1\)/);
    expect(r.stderr).not.toContain('request_id,account_id');
    expect(existsSync(out)).toBe(false);
  });

  it('resumes a killed run from its committed chunks and gives the uninterrupted output', async () => {
    const out = path.join(dir, 'killed.jsonl');
    const total = Math.ceil(historyLines.length / 200);
    // Kill a run part-way through. Labelled input runs fast, so a kill can land after the run has
    // finished; such an attempt says nothing about resume and is repeated with a fresh run.
    let env: Record<string, string> = {};
    let keys: ReturnType<typeof runKeys> | undefined;
    let committed = 0;
    for (let attempt = 0; attempt < 5 && keys === undefined; attempt++) {
      const prefix = newPrefix('rs-kill');
      env = { ACCOUNT_PREFIX: prefix, WORKER_LOCK_MS: '2000', LOG_LEVEL: 'silent' };
      await rm(out, { force: true });
      await rm(`${out}.rescore-run.json`, { force: true });
      const child = spawnCli(['rescore', '-i', history, '-o', out, '--chunk-lines', '200'], env);
      const runId = await waitFor(
        async () => {
          try {
            return (JSON.parse(await readFile(`${out}.rescore-run.json`, 'utf8')) as { run_id: string }).run_id;
          } catch {
            return undefined;
          }
        },
        60_000,
        25,
      );
      const k = runKeys(prefix, runId);
      await waitFor(async () => (Number(await redis.hget(k.meta, 'chunks_done')) >= 3 ? true : undefined), 60_000, 25);
      child.kill('SIGKILL');
      await once(child, 'exit');
      // A commit the killed process had already sent may still reach Redis just after it exits.
      committed = await redis.scard(k.done);
      for (let settled = 0; settled < 5;) {
        await new Promise((r) => setTimeout(r, 100));
        const now = await redis.scard(k.done);
        settled = now === committed ? settled + 1 : 0;
        committed = now;
      }
      if (committed < total && !existsSync(out)) keys = k;
    }
    expect(keys, 'a run was killed part-way in one of 5 attempts').toBeDefined();
    expect(committed).toBeGreaterThanOrEqual(3);

    const r = await cli(['rescore', '-i', history, '-o', out, '--chunk-lines', '200', '--resume'], env);
    expect(r.code, r.stderr).toBe(0);
    // A commit the killed process sent can reach a busy Redis even after the settle window above,
    // so the resumed run may find one or two more chunks committed than counted here.
    const resumed = /resumed: (\d+) of (\d+) chunks were already committed/.exec(r.stderr);
    expect(resumed, r.stderr).not.toBeNull();
    expect(Number(resumed![2])).toBe(total);
    expect(Number(resumed![1])).toBeGreaterThanOrEqual(committed);
    expect(Number(resumed![1])).toBeLessThan(total);
    expect(await readFile(out, 'utf8')).toBe(await offlineReference(history));
    expect(await redis.hget(keys!.meta, 'state')).toBe('completed');
  }, 300_000);
});

describe('distill-guard rescore with the prompt model', () => {
  it('two worker processes give byte-identical output to one', async () => {
    const file = path.join(dir, 'unlabelled.jsonl');
    const lines = (await writeHistory(file, { seed: 5, accounts: 8, days: 1, labels: false })).slice(0, 360);
    await writeFile(file, `${lines.join('\n')}\n`);
    const one = path.join(dir, 'one-worker.jsonl');
    const a = await cli(['rescore', '-i', file, '-o', one, '--chunk-lines', '30'], {
      ACCOUNT_PREFIX: newPrefix('rs-w1'),
    });
    expect(a.code, a.stderr).toBe(0);
    const counts =
      /cache hit rate \d+\.\d% \(([\d,]+) prompts classified, ([\d,]+) of them cleared by the lexical pre-screen\); prompt model head-/.exec(
        a.stderr,
      );
    expect(counts, a.stderr).not.toBeNull();
    const [classified, cleared] = [Number(counts![1]!.replace(/,/g, '')), Number(counts![2]!.replace(/,/g, ''))];
    // Simulated benign traffic is mostly cleared without the encoder; attack templates are not.
    expect(cleared).toBeGreaterThan(0);
    expect(cleared).toBeLessThan(classified);

    const prefix = newPrefix('rs-w2');
    const extra = spawnCli(['rescore-worker'], { ACCOUNT_PREFIX: prefix, LOG_LEVEL: 'debug' });
    try {
      await waitFor(
        async () =>
          (await keysMatching(redis, `${bullPrefix(prefix)}:rescore-chunks:*`)).length > 0 ? true : undefined,
        60_000,
        25,
      );
      const two = path.join(dir, 'two-workers.jsonl');
      const b = await cli(['rescore', '-i', file, '-o', two, '--chunk-lines', '30'], { ACCOUNT_PREFIX: prefix });
      expect(b.code, b.stderr).toBe(0);
      expect(await readFile(two, 'utf8')).toBe(await readFile(one, 'utf8'));
      // Both processes did work: the extra worker committed some of the chunks.
      expect(extra.log().match(/chunk committed/g)?.length ?? 0).toBeGreaterThan(0);
    } finally {
      extra.kill('SIGTERM');
      await once(extra, 'exit');
    }
  }, 600_000);
});
