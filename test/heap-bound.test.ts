import { describe, expect, it } from 'vitest';
import { heapBoundArgs } from '../src/cli/heap-bound.js';

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
