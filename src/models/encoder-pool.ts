/**
 * Several threaded encoders behind one Encoder: each embedChunks call is cut into slices that
 * run on the encoders in parallel. Bulk work (training, evaluation, re-scoring) uses every core
 * through the same interface the service uses.
 */
import type { Encoder } from './encoder.js';
import { ForwardingEncoder } from './forwarding-encoder.js';
import { lengthGroups, runLength, type Batching } from './chunked-embedding.js';
import { indexOfMin } from '../util/index-of-min.js';

/** Work a slice is expected to cost: its characters plus a constant per chunk. */
const sliceCost = (chunks: readonly string[]) => chunks.reduce((a, c) => a + 50 + c.length, 0);

export class EncoderPool extends ForwardingEncoder {
  /** Expected work (sliceCost) each encoder has been handed and not yet returned. */
  private readonly busy: number[];

  constructor(
    private readonly encoders: readonly Encoder[],
    private readonly sliceSize = 32,
    /** Must match the encoders' own batching: with `exact-length` a slice never mixes lengths. */
    private readonly batching: Batching = 'exact-length',
  ) {
    super(encoders[0] as Encoder);
    if (encoders.length === 0) throw new RangeError('an encoder pool needs at least one encoder');
    this.busy = encoders.map(() => 0);
  }

  /**
   * Identical chunks are embedded once, and the distinct ones are handed out in slices of
   * similar length (the graph's cost follows the longest sequence in a batch), so no encoder
   * pads short chunks up to a long one. With `exact-length` batching the slices follow token
   * lengths and never mix two of them, so each encoder gets whole same-length batches. A call is
   * cut into about three slices per encoder, and the slices are assigned longest first, each to the
   * encoder with the least work outstanding (across concurrent calls), so the encoders finish a
   * call together instead of one waiting for the one handed the longest chunks.
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
    const size = Math.max(1, Math.min(this.sliceSize, Math.ceil(distinct.length / (3 * this.encoders.length))));
    const groups = lengthGroups(lengths, size, this.batching);
    const order = groups.flat();
    // Assigned longest first, each slice to the encoder with the least work outstanding.
    const texts = groups.map((group) => group.map((i) => distinct[i] as string));
    const costs = texts.map(sliceCost);
    const assigned = new Array<number>(groups.length);
    for (const g of costs.map((_, g) => g).sort((a, b) => (costs[b] as number) - (costs[a] as number))) {
      const e = indexOfMin(this.busy);
      assigned[g] = e;
      this.busy[e]! += costs[g] as number;
    }
    const slices = texts.map(async (slice, g) => {
      const e = assigned[g] as number;
      try {
        return await (this.encoders[e] as Encoder).embedChunks(slice);
      } finally {
        this.busy[e]! -= costs[g] as number;
      }
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
