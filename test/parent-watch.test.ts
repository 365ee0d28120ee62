import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARENT_PID_VARIABLE, watchParent } from '../src/cli/parent-watch.js';

const MODULE = path.resolve(import.meta.dirname, '..', 'src', 'cli', 'parent-watch.ts');

describe('watchParent: a process started by another distill-guard process follows it', () => {
  it('watches only with a parent pid, and keeps the variable from the processes it starts', () => {
    const none: Record<string, string | undefined> = {};
    expect(watchParent(none)).toBeUndefined();
    const zero: Record<string, string | undefined> = { [PARENT_PID_VARIABLE]: '0' };
    expect(watchParent(zero)).toBeUndefined();
    expect(zero).toEqual({});
    // This process's own parent is alive: nothing is signalled.
    const env: Record<string, string | undefined> = { [PARENT_PID_VARIABLE]: String(process.ppid), OTHER: 'x' };
    const timer = watchParent(env, 10);
    try {
      expect(timer).toBeDefined();
      expect(timer!.hasRef()).toBe(false);
      expect(env).toEqual({ OTHER: 'x' });
    } finally {
      clearInterval(timer);
    }
  });

  it("says why and stops the process as on SIGTERM once it is not the named parent's child", async () => {
    const script = [
      `import { watchParent } from ${JSON.stringify(MODULE)};`,
      "process.on('SIGTERM', () => { process.stdout.write('stopped on SIGTERM'); process.exit(0); });",
      'watchParent(process.env, 20);',
      'setTimeout(() => process.exit(3), 10_000);',
    ].join('\n');
    // Pid 1 is not this child's parent (the test runner is): as if its parent had died.
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, [PARENT_PID_VARIABLE]: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, err).toBe(0);
    expect(out).toBe('stopped on SIGTERM');
    expect(err).toMatch(/the process that started this one \(pid 1\) is gone; stopping/);
  }, 30_000);
});
