/**
 * Several semantic networks fit with different seeds, averaged: the mean of their logits is
 * itself one network (hidden layers side by side, output layers stacked and scaled by 1/K), so an
 * ensemble ships and serves in the same head format as a single network.
 */
import type { DenseLayer } from '../../src/models/heads/dense-network.js';

export function mergeEnsemble(members: readonly (readonly DenseLayer[])[]): DenseLayer[] {
  const first = members[0];
  if (!first) throw new RangeError('an ensemble needs at least one member');
  if (members.length === 1) return [...first];
  const k = members.length;
  const mean = (arrays: readonly Float32Array[]) => {
    const out = new Float32Array((arrays[0] as Float32Array).length);
    for (const a of arrays) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (a[i] as number) / k;
    return out;
  };
  for (const m of members) {
    if (
      m.length !== first.length ||
      m.some(
        (l, i) =>
          l.inputs !== first[i]!.inputs || l.outputs !== first[i]!.outputs || l.activation !== first[i]!.activation,
      )
    ) {
      throw new Error('ensemble members must share one architecture');
    }
  }
  if (first.length === 1) {
    const [l] = first as [DenseLayer];
    return [{ ...l, kernel: mean(members.map((m) => m[0]!.kernel)), bias: mean(members.map((m) => m[0]!.bias)) }];
  }
  if (first.length !== 2) throw new Error('ensembles of networks with more than one hidden layer are not supported');
  const [hidden, output] = first as [DenseLayer, DenseLayer];
  const width = hidden.outputs * k;
  // Hidden layers side by side: row i of the merged kernel is row i of every member, in order.
  const kernel1 = new Float32Array(hidden.inputs * width);
  for (let i = 0; i < hidden.inputs; i++) {
    members.forEach((m, j) =>
      kernel1.set(m[0]!.kernel.subarray(i * hidden.outputs, (i + 1) * hidden.outputs), i * width + j * hidden.outputs),
    );
  }
  const bias1 = new Float32Array(width);
  members.forEach((m, j) => bias1.set(m[0]!.bias, j * hidden.outputs));
  // Output layers stacked (member j reads its own hidden units) and scaled: the logits' mean.
  const kernel2 = new Float32Array(width * output.outputs);
  members.forEach((m, j) => m[1]!.kernel.forEach((w, i) => (kernel2[j * hidden.outputs * output.outputs + i] = w / k)));
  return [
    { inputs: hidden.inputs, outputs: width, activation: hidden.activation, kernel: kernel1, bias: bias1 },
    {
      inputs: width,
      outputs: output.outputs,
      activation: output.activation,
      kernel: kernel2,
      bias: mean(members.map((m) => m[1]!.bias)),
    },
  ];
}
