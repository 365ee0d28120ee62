/**
 * Cold start: spawns the built CLI (`node bin/distill-guard.js serve`) and measures the time until
 * the first POST /v1/classify answers 200, then reads the server's RSS.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function benchColdStart(port = 18931): Promise<{ seconds: number; rssMb: number }> {
  const bin = fileURLToPath(new URL('../bin/distill-guard.js', import.meta.url));
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', '--no-worker', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/v1/classify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ input: 'Rate this answer from 1 to 10.' }),
        });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
      if (performance.now() - started > 120_000) throw new Error('server did not answer within 120 s');
    }
    const seconds = (performance.now() - started) / 1000;
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { seconds, rssMb: rssKb / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
