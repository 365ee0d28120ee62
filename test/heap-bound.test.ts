import { describe, expect, it } from 'vitest';
import { heapBoundArgs, LAUNCHER_PID_VARIABLE, watchLauncher } from '../src/cli/heap-bound.js';

const node = '/usr/bin/node';
const bin = '/srv/bin/distill-guard.js';
const asked = { RESCORE_HEAP_MIB: '384' };

describe('heapBoundArgs: rescore processes start with the heap bound asked for', () => {
  it('starts rescore and rescore-worker again with the bound, keeping Node options and arguments', () => {
    expect(
      heapBoundArgs([node, bin, 'rescore', '-i', 'h.jsonl', '--workers', '2'], ['--enable-source-maps'], asked),
    ).toEqual(['--max-old-space-size=384', '--enable-source-maps', bin, 'rescore', '-i', 'h.jsonl', '--workers', '2']);
    expect(heapBoundArgs([node, bin, 'rescore-worker'], [], { RESCORE_HEAP_MIB: '512' })).toEqual([
      '--max-old-space-size=512',
      bin,
      'rescore-worker',
    ]);
  });

  it('leaves every other command as it is', () => {
    expect(heapBoundArgs([node, bin, 'serve'], [], asked)).toBeNull();
    expect(heapBoundArgs([node, bin, 'classify', 'rescore'], [], asked)).toBeNull();
    expect(heapBoundArgs([node, bin], [], asked)).toBeNull();
  });

  it('leaves a bound already given, in either spelling, and a process under the inspector, as they are', () => {
    expect(heapBoundArgs([node, bin, 'rescore'], ['--max-old-space-size=200'], asked)).toBeNull();
    expect(
      heapBoundArgs([node, bin, 'rescore'], [], { ...asked, NODE_OPTIONS: '--trace-gc --max-old-space-size=900' }),
    ).toBeNull();
    expect(
      heapBoundArgs([node, bin, 'rescore'], [], { ...asked, NODE_OPTIONS: '--max_old_space_size=4096' }),
    ).toBeNull();
    expect(heapBoundArgs([node, bin, 'rescore'], ['--inspect=9229'], asked)).toBeNull();
  });

  it('is off unless asked for, and leaves an invalid value to the environment check', () => {
    expect(heapBoundArgs([node, bin, 'rescore'], [], {})).toBeNull();
    expect(heapBoundArgs([node, bin, 'rescore'], [], { RESCORE_HEAP_MIB: '' })).toBeNull();
    expect(heapBoundArgs([node, bin, 'rescore'], [], { RESCORE_HEAP_MIB: '0' })).toBeNull();
    expect(heapBoundArgs([node, bin, 'rescore'], [], { RESCORE_HEAP_MIB: 'lots' })).toBeNull();
    expect(heapBoundArgs([node, bin, 'rescore'], [], { RESCORE_HEAP_MIB: '16' })).toBeNull();
  });
});

describe('watchLauncher: a restarted command follows its launcher', () => {
  it('watches only with a launcher pid, and keeps the variable from the processes the command starts', () => {
    const none: Record<string, string | undefined> = {};
    expect(watchLauncher(none)).toBeUndefined();
    const zero: Record<string, string | undefined> = { [LAUNCHER_PID_VARIABLE]: '0' };
    expect(watchLauncher(zero)).toBeUndefined();
    expect(zero).toEqual({});
    // This process's own parent: the watched launcher is alive, so nothing is signalled.
    const env: Record<string, string | undefined> = { [LAUNCHER_PID_VARIABLE]: String(process.ppid), OTHER: 'x' };
    const timer = watchLauncher(env, 10);
    expect(timer).toBeDefined();
    expect(timer!.hasRef()).toBe(false);
    expect(env).toEqual({ OTHER: 'x' });
    clearInterval(timer);
  });
});
