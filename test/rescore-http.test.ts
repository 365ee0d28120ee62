import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RescoreJobStatus } from '../src/contracts/rescore.js';
import { loadEnv } from '../src/env.js';
import { simulate } from '../src/features/simulate/simulate.js';
import { createApp } from '../src/http/app.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { createRescoreApi } from '../src/queues/processes/api.js';
import { startRescoreWorker } from '../src/queues/processes/rescore-worker.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';

const logger = createLogger('silent');
let redis: Redis;
let prefix: string;
let dir: string;
let dataDir: string;
let history: string;
let lineCount: number;
let server: RunningServer;
let api: { close(): Promise<void> };
let workers: { stop(): Promise<void> };

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('rescore-http');
  dir = await mkdtemp(path.join(os.tmpdir(), 'dg-rescore-http-'));
  dataDir = path.join(dir, 'data');
  await mkdir(dataDir);
  history = path.join(dataDir, 'history.jsonl');
  // 19 chunks: more than the job reads ahead (8), so chunks merge while the file is still being read and progress is seen midway.
  const lines = simulate({ seed: 21, accounts: 120, days: 3, labels: true }).events.map((e) => JSON.stringify(e));
  lineCount = lines.length;
  await writeFile(history, `${lines.join('\n')}\n`);
  const env = {
    ...loadEnv({ REDIS_URL }),
    ACCOUNT_PREFIX: prefix,
    DATA_DIR: dataDir,
    RESCORE_MAX_UPLOAD_BYTES: 200_000,
  };
  const rescore = await createRescoreApi({ env, redis });
  api = rescore;
  workers = await startRescoreWorker({ env, redis, logger });
  server = await startServer(createApp({ classifier: keywordClassifier, env, logger, rescore: rescore.routes }), {
    host: '127.0.0.1',
    port: 0,
    logger,
  });
});

afterAll(async () => {
  await server.close(1000);
  await workers.stop();
  await api.close();
  await cleanup(redis, prefix);
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
});

async function status(id: string): Promise<{ code: number; body: RescoreJobStatus }> {
  const res = await fetch(`${server.url}/v1/jobs/${id}`);
  return { code: res.status, body: (await res.json()) as RescoreJobStatus };
}

async function follow(id: string, ms = 120_000): Promise<RescoreJobStatus[]> {
  const seen: RescoreJobStatus[] = [];
  const until = Date.now() + ms;
  for (;;) {
    const { code, body } = await status(id);
    expect(code).toBe(200);
    seen.push(RescoreJobStatus.parse(body));
    if (body.state === 'completed' || body.state === 'failed') return seen;
    if (Date.now() > until) throw new Error(`job ${id} still ${body.state}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

describe('POST /v1/rescore + GET /v1/jobs/:id', () => {
  it('runs a history file as a job and reports its progress, counts and summary', async () => {
    const res = await fetch(`${server.url}/v1/rescore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input_path: 'history.jsonl' }),
    });
    expect(res.status).toBe(202);
    const { id, status_url: url } = (await res.json()) as { id: string; status_url: string };
    expect(url).toBe(`/v1/jobs/${id}`);
    const seen = await follow(id);
    const last = seen.at(-1)!;
    expect(last.state).toBe('completed');
    const chunks = Math.ceil(lineCount / 2000);
    expect(last.progress).toMatchObject({
      fraction: 1,
      chunks_done: chunks,
      chunks_total: chunks,
      lines: lineCount,
      events: lineCount,
      malformed: 0,
      eta_s: 0,
    });
    expect(last.summary).toMatchObject({ events: lineCount, malformed: 0, chunks, cache_hit_rate: null });
    // Progress was visible while the job ran: part of the chunks merged, a fraction strictly between 0 and 1, an ETA.
    const midway = seen.filter(
      (s) => s.state === 'running' && s.progress.chunks_done > 0 && s.progress.chunks_done < chunks,
    );
    expect(midway.length).toBeGreaterThan(0);
    for (const s of midway) {
      expect(s.progress.fraction).toBeGreaterThan(0);
      expect(s.progress.fraction).toBeLessThan(1);
      expect(s.progress.eta_s).not.toBeNull();
      expect(s.progress.events).toBe(s.progress.lines);
    }
    const fractions = seen.map((s) => s.progress.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    // The status names files relative to the data directory, never by the server's own paths.
    expect(path.isAbsolute(last.output)).toBe(false);
    expect(last.input).toBe('history.jsonl');
    expect(JSON.stringify(last)).not.toContain(dataDir);
    const output = await readFile(path.join(dataDir, last.output), 'utf8');
    expect(output.trim().split('\n')).toHaveLength(last.summary!.accounts);
    const downloaded = await fetch(`${server.url}/v1/jobs/${id}/output`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(await downloaded.text()).toBe(output);
  });

  it('takes an uploaded history, and reports malformed lines with line numbers in the job', async () => {
    const lines = (await readFile(history, 'utf8')).split('\n').slice(0, 300);
    lines.splice(9, 0, 'this is not json');
    const res = await fetch(`${server.url}/v1/rescore/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: lines.join('\n'),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const last = (await follow(id)).at(-1)!;
    expect(last.state).toBe('completed');
    expect(last.progress.malformed).toBe(1);
    // The reason names the fault, never the line's content.
    expect(last.errors).toEqual([{ line: 10, reason: 'not valid JSON' }]);
    expect(last.summary).toMatchObject({ events: 300, malformed: 1 });
  });

  it('fails a job whose input is not JSONL with a clear error, and rejects bad requests', async () => {
    const res = await fetch(`${server.url}/v1/rescore/upload`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'a,b,c\n1,2,3\n',
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const last = (await follow(id)).at(-1)!;
    expect(last.state).toBe('failed');
    expect(last.error?.code).toBe('not_jsonl');

    const missing = await fetch(`${server.url}/v1/rescore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input_path: 'nope.jsonl' }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('input_not_found');
    const badModel = await fetch(`${server.url}/v1/rescore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input_path: 'history.jsonl', model: 'no-such-head' }),
    });
    expect(badModel.status).toBe(400);
    expect(((await badModel.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
    const big = await fetch(`${server.url}/v1/rescore/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: 'x'.repeat(300_000),
    });
    expect(big.status).toBe(413);
    expect((await status('rnosuchjob')).code).toBe(404);
  });

  it('reads and writes only inside the data directory: other paths are 400 before any job exists, and file content never reaches an error', async () => {
    const secret = path.join(dir, 'secret.txt');
    await writeFile(secret, 'root:*:20228:0:99999:7:::\n');
    await symlink(secret, path.join(dataDir, 'link-out.jsonl'));
    await symlink(dir, path.join(dataDir, 'escape'));
    const victim = path.join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    const post = async (body: unknown) => {
      const res = await fetch(`${server.url}/v1/rescore`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
    };
    const jobsBefore = (await redis.keys(`${prefix}*run*`)).sort();
    for (const body of [
      { input_path: '/etc/shadow' },
      { input_path: '/etc/passwd' },
      { input_path: secret },
      { input_path: '../secret.txt' },
      { input_path: 'link-out.jsonl' },
      { input_path: 'escape/secret.txt' },
      { input_path: 'history.jsonl', output_path: victim },
      { input_path: 'history.jsonl', output_path: '../victim.txt' },
      { input_path: 'history.jsonl', output_path: 'escape/victim.txt' },
      { input_path: 'history.jsonl', output_path: 'link-out.jsonl' },
      { input_path: 'history.jsonl', clusters_path: '/etc/hostname' },
    ]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code, JSON.stringify(body)).toBe('path_outside_data_dir');
      expect(res.body.error.message).not.toContain('root:');
    }
    // A missing directory is not created: the output's directory must already exist inside.
    const newDir = await post({ input_path: 'history.jsonl', output_path: 'new/dir/out.jsonl' });
    expect(newDir.status).toBe(400);
    expect(newDir.body.error.code).toBe('output_dir_not_found');
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    expect((await redis.keys(`${prefix}*run*`)).sort()).toEqual(jobsBefore);

    // A file of non-JSON lines inside the data directory fails as not_jsonl without quoting it.
    await writeFile(path.join(dataDir, 'shadow-copy.txt'), 'root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n');
    const res = await post({ input_path: 'shadow-copy.txt' });
    expect(res.status).toBe(202);
    const last = (await follow((res.body as unknown as { id: string }).id)).at(-1)!;
    expect(last.state).toBe('failed');
    expect(last.error?.code).toBe('not_jsonl');
    expect(JSON.stringify(last)).not.toContain('root:');
  });
});
