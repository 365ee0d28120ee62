import { describe, expect, it } from 'vitest';
import { heapBoundArgs } from '../src/cli/heap-bound.js';

const node = '/usr/bin/node';
const bin = '/srv/bin/distill-guard.js';

describe('heapBoundArgs: rescore processes start with a bounded heap', () => {
  it('starts rescore and rescore-worker again with the default bound, keeping Node options and arguments', () => {
    expect(
      heapBoundArgs([node, bin, 'rescore', '-i', 'h.jsonl', '--workers', '2'], ['--enable-source-maps'], {}),
    ).toEqual(['--max-old-space-size=384', '--enable-source-maps', bin, 'rescore', '-i', 'h.jsonl', '--workers', '2']);
    expect(heapBoundArgs([node, bin, 'rescore-worker'], [], { RESCORE_HEAP_MIB: '512' })).toEqual([
      '--max-old-space-size=512',
      bin,
      'rescore-worker',
    ]);
  });

  it('leaves every other command, and a bound already given, as it is', () => {
    expect(heapBoundArgs([node, bin, 'serve'], [], {})).toBeNull();
    expect(heapBoundArgs([node, bin, 'classify', 'rescore'], [], {})).toBeNull();
    expect(heapBoundArgs([node, bin], [], {})).toBeNull();
    expect(heapBoundArgs([node, bin, 'rescore'], ['--max-old-space-size=200'], {})).toBeNull();
    expect(
      heapBoundArgs([node, bin, 'rescore'], [], { NODE_OPTIONS: '--trace-gc --max-old-space-size=900' }),
    ).toBeNull();
  });

  it('is off with RESCORE_HEAP_MIB=0, and leaves an invalid value to the environment check', () => {
    expect(heapBoundArgs([node, bin, 'rescore'], [], { RESCORE_HEAP_MIB: '0' })).toBeNull();
    expect(heapBoundArgs([node, bin, 'rescore'], [], { RESCORE_HEAP_MIB: 'lots' })).toBeNull();
    expect(heapBoundArgs([node, bin, 'rescore'], [], { RESCORE_HEAP_MIB: '' })?.[0]).toBe('--max-old-space-size=384');
  });
});
