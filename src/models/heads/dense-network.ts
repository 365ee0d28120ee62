/**
 * A small feed-forward network over dense embeddings (logistic regression when it has one
 * layer, an MLP with more), evaluated in plain TypeScript: for a 512×64 network this is
 * faster than a round trip through a tensor backend. Weights are trained with tfjs.
 */
export type Activation = 'relu' | 'linear';

export interface DenseLayer {
  inputs: number;
  outputs: number;
  activation: Activation;
  /** Row-major [inputs × outputs], as tfjs stores a Dense kernel. */
  kernel: Float32Array;
  bias: Float32Array;
}

export class DenseNetwork {
  constructor(readonly layers: readonly DenseLayer[]) {
    for (let i = 1; i < layers.length; i++) {
      if ((layers[i] as DenseLayer).inputs !== (layers[i - 1] as DenseLayer).outputs)
        throw new Error('layer sizes do not chain');
    }
  }

  get inputs(): number {
    return (this.layers[0] as DenseLayer).inputs;
  }

  /** Output logits (the last layer is linear). */
  forward(input: Float32Array): Float32Array {
    let x = input;
    for (const layer of this.layers) {
      const out = Float32Array.from(layer.bias);
      const { kernel, outputs } = layer;
      for (let i = 0; i < layer.inputs; i++) {
        const xi = x[i] as number;
        if (xi === 0) continue;
        const row = i * outputs;
        for (let j = 0; j < outputs; j++) out[j] = (out[j] as number) + xi * (kernel[row + j] as number);
      }
      if (layer.activation === 'relu') for (let j = 0; j < outputs; j++) if ((out[j] as number) < 0) out[j] = 0;
      x = out;
    }
    return x;
  }
}
