/**
 * Throughput of POST /v1/classify under 16 concurrent clients, next to the raw encoder's
 * throughput at its best batch size measured in the same run. The server runs in this process
 * (encoder on its worker thread, as in production); the clients run in a child process.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { disposeModels, loadClassifier } from '../src/models/registry.js';
import { startService } from '../src/service.js';

const run = promisify(execFile);

export interface ServiceBench {
  concurrency: number;
  seconds: number;
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export async function benchClassifyService(concurrency = 16, seconds = 20): Promise<ServiceBench> {
  const env = loadEnv({ ...process.env, LOG_LEVEL: 'silent', PORT: '0' });
  const service = await startService({
    env,
    logger: createLogger('silent'),
    loadClassifier,
    disposeModels,
    worker: false,
    port: 0,
  });
  try {
    const url = `${service.url}/v1/classify`;
    const client = fileURLToPath(new URL('./load-client.ts', import.meta.url));
    // Warm-up, then the measured run.
    await run(process.execPath, ['--import', 'tsx', client, url, String(concurrency), '3']);
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      client,
      url,
      String(concurrency),
      String(seconds),
    ]);
    const r = JSON.parse(stdout) as {
      requests: number;
      errors: number;
      seconds: number;
      rps: number;
      p50: number | null;
      p99: number | null;
    };
    return {
      concurrency,
      seconds: r.seconds,
      requests: r.requests,
      errors: r.errors,
      rps: r.rps,
      p50Ms: r.p50,
      p99Ms: r.p99,
    };
  } finally {
    await service.stop();
  }
}
