/**
 * The base of an encoder that wraps another (a cache, a pool): everything but embedding and
 * disposal is the wrapped encoder's, so the wrapper's vectors are recorded under the same name,
 * runtime and weights and its chunks are the same chunks.
 */
import type { Encoder } from './encoder.js';

export abstract class ForwardingEncoder implements Encoder {
  constructor(protected readonly inner: Encoder) {}

  get name(): string {
    return this.inner.name;
  }
  get runtime(): string {
    return this.inner.runtime;
  }
  get weightsHash(): string {
    return this.inner.weightsHash;
  }
  get dim(): number {
    return this.inner.dim;
  }
  get maxTokens(): number {
    return this.inner.maxTokens;
  }
  countTokens(text: string): number {
    return this.inner.countTokens(text);
  }
  splitIntoChunks(text: string, maxTokens?: number): string[] {
    return this.inner.splitIntoChunks(text, maxTokens);
  }

  abstract embedChunks(chunks: readonly string[]): Promise<Float32Array[]>;
  abstract dispose(): Promise<void>;
}
