/**
 * Re-scoring through the API, attacked where the check at submission cannot reach (real HTTP,
 * real Redis, real rescore workers): a file of the job swapped for a symlink after the check,
 * a symlink planted where the temporary output would be written, what a job's status reveals,
 * and a history holding lines dated far outside its own range.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
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
import { createRunProducer, type RunProducer } from '../src/queues/producers/rescore-runs.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';

const logger = createLogger('silent');
let redis: Redis;
let prefix: string;
let dir: string;
let dataDir: string;
let outside: string;
let historyLines: string[];
let server: RunningServer;
let api: { close(): Promise<void> };
let workers: { stop(): Promise<void> };
let runs: RunProducer;

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('rescore-conf');
  dir = await mkdtemp(path.join(os.tmpdir(), 'dg-rescore-conf-'));
  dataDir = path.join(dir, 'data');
  outside = path.join(dir, 'outside');
  await mkdir(dataDir);
  await mkdir(outside);
  historyLines = simulate({ seed: 5, accounts: 12, days: 2, labels: true }).events.map((e) => JSON.stringify(e));
  // Outside the data directory: a readable history (so a followed symlink would "work") and a victim file.
  await writeFile(path.join(outside, 'secret.jsonl'), `${historyLines.slice(0, 50).join('\n')}\n`);
  await writeFile(path.join(outside, 'victim.txt'), 'keep me');
  const env = { ...loadEnv({ REDIS_URL }), ACCOUNT_PREFIX: prefix, DATA_DIR: dataDir };
  const rescore = await createRescoreApi({ env, redis });
  api = rescore;
  workers = await startRescoreWorker({ env, redis, logger });
  runs = createRunProducer({ connection: redis, prefix });
  server = await startServer(createApp({ classifier: keywordClassifier, env, logger, rescore: rescore.routes }), {
    host: '127.0.0.1',
    port: 0,
    logger,
  });
});

afterAll(async () => {
  await server.close(1000);
  await workers.stop();
  await runs.close();
  await api.close();
  await cleanup(redis, prefix);
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
});

async function finished(id: string): Promise<RescoreJobStatus> {
  const until = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${server.url}/v1/jobs/${id}`);
    expect(res.status).toBe(200);
    const body = RescoreJobStatus.parse(await res.json());
    if (body.state === 'completed' || body.state === 'failed') return body;
    if (Date.now() > until) throw new Error(`job ${id} still ${body.state}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const post = async (body: unknown) => {
  const res = await fetch(`${server.url}/v1/rescore`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id: string; error?: { code: string } } };
};

/** A job as the API submits it, for a file that was swapped after the API checked it. */
const submitChecked = (id: string, data: { input: string; output: string }) =>
  runs.submit(id, { ...data, root: dataDir, model: 'current', lineLabels: true, prescreen: true });

describe('files of a job are checked again where the worker opens them', () => {
  it('an input swapped for a symlink to a file outside after the check is refused, and the status names no server path', async () => {
    // The API checked data/swapped.jsonl, a regular file; it is then replaced by a symlink.
    const swapped = path.join(dataDir, 'swapped.jsonl');
    await symlink(path.join(outside, 'secret.jsonl'), swapped);
    await submitChecked('rswapin', { input: swapped, output: path.join(dataDir, 'swapped-out.jsonl') });
    const status = await finished('rswapin');
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('path_outside_data_dir');
    expect(await readdir(dataDir)).not.toContain('swapped-out.jsonl');
    expect(status.input).toBe('swapped.jsonl');
    expect(JSON.stringify(status)).not.toContain(dir);
  });

  it('an input whose directory was swapped for a symlink is refused too', async () => {
    await mkdir(path.join(dataDir, 'in'));
    await writeFile(path.join(dataDir, 'in', 'secret.jsonl'), `${historyLines.slice(0, 5).join('\n')}\n`);
    await rm(path.join(dataDir, 'in'), { recursive: true });
    await symlink(outside, path.join(dataDir, 'in'));
    await submitChecked('rswapdir', {
      input: path.join(dataDir, 'in', 'secret.jsonl'),
      output: path.join(dataDir, 'dir-out.jsonl'),
    });
    const status = await finished('rswapdir');
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('path_outside_data_dir');
  });

  it('an output directory swapped for a symlink to outside is never written through', async () => {
    await writeFile(path.join(dataDir, 'ok.jsonl'), `${historyLines.slice(0, 40).join('\n')}\n`);
    await symlink(outside, path.join(dataDir, 'out'));
    await submitChecked('rswapout', {
      input: path.join(dataDir, 'ok.jsonl'),
      output: path.join(dataDir, 'out', 'victim.txt'),
    });
    const status = await finished('rswapout');
    expect(status.state).toBe('failed');
    expect(await readFile(path.join(outside, 'victim.txt'), 'utf8')).toBe('keep me');
    expect((await readdir(outside)).sort()).toEqual(['secret.jsonl', 'victim.txt']);
  });

  it('a symlink planted where the temporary output would go is not followed', async () => {
    await writeFile(path.join(dataDir, 'plant.jsonl'), `${historyLines.slice(0, 40).join('\n')}\n`);
    // The name a predictable temporary file would have in this process.
    await symlink(path.join(outside, 'victim.txt'), path.join(dataDir, `planted-out.jsonl.${process.pid}.tmp`));
    const res = await post({ input_path: 'plant.jsonl', output_path: 'planted-out.jsonl' });
    expect(res.status).toBe(202);
    const status = await finished(res.body.id);
    expect(status.state).toBe('completed');
    expect(await readFile(path.join(outside, 'victim.txt'), 'utf8')).toBe('keep me');
    const written = await readFile(path.join(dataDir, 'planted-out.jsonl'), 'utf8');
    expect(written.trim().split('\n')).toHaveLength(status.summary!.accounts);
    // No temporary file is left behind.
    expect(
      (await readdir(dataDir)).filter(
        (f) => f.startsWith('planted-out.jsonl.') && f !== `planted-out.jsonl.${process.pid}.tmp`,
      ),
    ).toEqual([]);
  });

  it('an output may not overwrite its own input or the service job files', async () => {
    await writeFile(path.join(dataDir, 'self.jsonl'), `${historyLines.slice(0, 10).join('\n')}\n`);
    const self = await post({ input_path: 'self.jsonl', output_path: 'self.jsonl' });
    expect(self.status).toBe(400);
    expect(self.body.error?.code).toBe('output_is_input');
    await mkdir(path.join(dataDir, 'rescore', 'rsomeone'), { recursive: true });
    const reserved = await post({ input_path: 'self.jsonl', output_path: 'rescore/rsomeone/input.jsonl' });
    expect(reserved.status).toBe(400);
    expect(reserved.body.error?.code).toBe('path_reserved');
  });
});

describe('a history bounds its event times by its own range', () => {
  it('lines dated far outside the history are malformed and change no score', async () => {
    const upload = async (lines: string[]) => {
      const res = await fetch(`${server.url}/v1/rescore/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: `${lines.join('\n')}\n`,
      });
      expect(res.status).toBe(202);
      return finished(((await res.json()) as { id: string }).id);
    };
    const download = async (id: string) => (await fetch(`${server.url}/v1/jobs/${id}/output`)).text();
    const clean = await upload(historyLines);
    expect(clean.state).toBe('completed');
    const first = JSON.parse(historyLines[0]!) as { account_id: string };
    const outliers = ['9999-12-31T23:59:59Z', '1971-01-01T00:00:00Z'].map((timestamp, i) =>
      JSON.stringify({
        ...JSON.parse(historyLines[0]!),
        request_id: `outlier-${i}`,
        timestamp,
        account_id: first.account_id,
      }),
    );
    const attacked = await upload([
      ...historyLines.slice(0, 10),
      outliers[0]!,
      ...historyLines.slice(10),
      outliers[1]!,
    ]);
    expect(attacked.state).toBe('completed');
    expect(attacked.errors).toEqual([
      { line: 11, reason: "timestamp: outside the history's time range" },
      { line: historyLines.length + 2, reason: "timestamp: outside the history's time range" },
    ]);
    expect(attacked.summary?.malformed).toBe(2);
    expect(await download(attacked.id)).toBe(await download(clean.id));
  });
});
