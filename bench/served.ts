/**
 * A `distill-guard serve --no-worker` child process from a source tree (this one, or an older
 * checkout for head-to-head figures), with the CPU it uses read from /proc: the whole process
 * (cores used) and its main thread alone (the event loop: HTTP, chunking, lexical features).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface Served {
  url: string;
  child: ChildProcess;
  /** CPU seconds so far: the process and its main thread. */
  cpu(): { process: number; main: number };
  /** Text of GET /metrics. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

const TICKS = 100; // USER_HZ on Linux

/** User + system CPU seconds of a process or thread, from its /proc stat file. */
export function cpuSeconds(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export async function serve(root: string, env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src/cli.ts'), 'serve', '--no-worker', '--port', String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ACCOUNT_PREFIX: `bench${process.pid}`,
        RATE_LIMIT_GATEWAY_RPS: '0',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server in ${root} exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('server did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid as number;
  return {
    url,
    child,
    cpu: () => ({
      process: cpuSeconds(`/proc/${pid}/stat`),
      main: cpuSeconds(`/proc/${pid}/task/${pid}/stat`),
    }),
    metrics: () => fetch(`${url}/metrics`).then((r) => r.text()),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
