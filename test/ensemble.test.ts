import { describe, expect, it } from 'vitest';
import { DenseNetwork, type DenseLayer } from '../src/models/heads/dense-network.js';
import { mergeEnsemble } from '../training/heads/ensemble.js';

/** A deterministic pseudo-random network (xorshift), so the fixture is fixed. */
function network(seed: number, sizes: readonly number[]): DenseLayer[] {
  let s = seed;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 2 ** 32) * 2 - 1;
  };
  return sizes.slice(1).map((outputs, i) => ({
    inputs: sizes[i]!,
    outputs,
    activation: i === sizes.length - 2 ? 'linear' : 'relu',
    kernel: Float32Array.from({ length: sizes[i]! * outputs }, next),
    bias: Float32Array.from({ length: outputs }, next),
  }));
}

describe('semantic ensembles', () => {
  const inputs = [Float32Array.of(0.5, -1, 0.25, 2, 0), Float32Array.of(-0.3, 0.8, 1.5, -2, 1)];

  for (const sizes of [
    [5, 4, 3],
    [5, 3],
  ]) {
    it(`merge ${sizes.length - 1}-layer members into one network whose logits are the members' mean`, () => {
      const members = [network(1, sizes), network(2, sizes), network(3, sizes)];
      const merged = new DenseNetwork(mergeEnsemble(members));
      for (const x of inputs) {
        const each = members.map((m) => new DenseNetwork(m).forward(x));
        const out = merged.forward(x);
        expect(out).toHaveLength(3);
        for (let j = 0; j < 3; j++) expect(out[j]!).toBeCloseTo(each.reduce((a, o) => a + o[j]!, 0) / 3, 5);
      }
      if (sizes.length === 3) expect(merged.layers[0]!.outputs).toBe(12);
    });
  }

  it('returns a single member unchanged and refuses members of different shapes', () => {
    const one = network(4, [5, 4, 3]);
    expect(mergeEnsemble([one])).toEqual(one);
    expect(() => mergeEnsemble([one, network(5, [5, 6, 3])])).toThrow(/architecture/);
  });
});
