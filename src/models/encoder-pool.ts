/**
 * Several threaded encoders behind one Encoder: each embedChunks call is cut into slices that
 * run on the encoders in parallel. Bulk work (training, evaluation, re-scoring) uses every core
 * through the same interface the service uses.
 */
import type { Encoder } from './encoder.js';
import { ForwardingEncoder } from './forwarding-encoder.js';
import { lengthGroups, runLength, type Batching } from './chunked-embedding.js';

export class EncoderPool extends ForwardingEncoder {
  private next = 0;

  constructor(
    private readonly encoders: readonly Encoder[],
    private readonly sliceSize = 32,
    /** Must match the encoders' own batching: with `exact-length` a slice never mixes lengths. */
    private readonly batching: Batching = 'exact-length',
  ) {
    super(encoders[0] as Encoder);
    if (encoders.length === 0) throw new RangeError('an encoder pool needs at least one encoder');
  }

  /**
   * Identical chunks are embedded once, and the distinct ones are handed out in slices of
   * similar length (the graph's cost follows the longest sequence in a batch), so no encoder
   * pads short chunks up to a long one. With `exact-length` batching the slices follow token
   * lengths and never mix two of them, so each encoder gets whole same-length batches.
   */
  async embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    const slot = new Map<string, number>();
    const distinct: string[] = [];
    const index = chunks.map((c) => {
      let at = slot.get(c);
      if (at === undefined) {
        at = distinct.length;
        slot.set(c, at);
        distinct.push(c);
      }
      return at;
    });
    const lengths =
      this.batching === 'exact-length'
        ? distinct.map((c) => runLength(this.countTokens(c), this.maxTokens))
        : distinct.map((c) => c.length);
    const size = Math.max(1, Math.min(this.sliceSize, Math.ceil(distinct.length / this.encoders.length)));
    const groups = lengthGroups(lengths, size, this.batching);
    const order = groups.flat();
    const slices = groups.map((group) => {
      const encoder = this.encoders[this.next++ % this.encoders.length] as Encoder;
      return encoder.embedChunks(group.map((i) => distinct[i] as string));
    });
    const sorted = (await Promise.all(slices)).flat();
    const vectors = new Array<Float32Array>(distinct.length);
    order.forEach((i, k) => {
      vectors[i] = sorted[k] as Float32Array;
    });
    return index.map((i) => vectors[i] as Float32Array);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.encoders.map((e) => e.dispose()));
  }
}
