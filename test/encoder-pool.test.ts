import { describe, expect, it } from 'vitest';
import type { Encoder } from '../src/models/encoder.js';
import { EncoderPool } from '../src/models/encoder-pool.js';

/** An encoder that records the chunks it was handed and answers on the next turn with [length]. */
function recordingEncoder(): Encoder & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    name: 'recording',
    runtime: 'test',
    weightsHash: 'none',
    dim: 1,
    maxTokens: 128,
    countTokens: (text) => text.length,
    splitIntoChunks: (text) => [text],
    embedChunks: async (chunks) => {
      seen.push(...chunks);
      await new Promise((r) => setImmediate(r));
      return chunks.map((c) => Float32Array.of(c.length));
    },
    dispose: () => Promise.resolve(),
  };
}

const text = (char: string, length: number) => char.repeat(length);

describe('EncoderPool: which encoder gets which slice', () => {
  it('gives the longest slice of a call an encoder of its own and the rest to the other', async () => {
    const [a, b] = [recordingEncoder(), recordingEncoder()];
    const pool = new EncoderPool([a, b], 32, 'similar-length');
    const chunks = [10, 20, 30, 40, 50, 1000].map((n, i) => text('abcdef'[i] as string, n));
    const vectors = await pool.embedChunks(chunks);
    expect(vectors.map((v) => v[0])).toEqual([10, 20, 30, 40, 50, 1000]);
    const [longest, rest] = a.seen.includes(chunks[5]!) ? [a, b] : [b, a];
    expect(longest.seen).toEqual([chunks[5]]);
    expect([...rest.seen].sort()).toEqual(chunks.slice(0, 5).sort());
  });

  it('balances concurrent calls: each call’s long chunk goes to the encoder with less work outstanding', async () => {
    const [a, b] = [recordingEncoder(), recordingEncoder()];
    const pool = new EncoderPool([a, b], 32, 'similar-length');
    const calls = [0, 1].map((k) => pool.embedChunks([text(`s${k}`, 5), text(`L${k}`, 500)]));
    const answers = await Promise.all(calls);
    expect(answers.map((v) => v.map((x) => x[0]))).toEqual([
      [10, 1000],
      [10, 1000],
    ]);
    const longs = (e: { seen: string[] }) => e.seen.filter((c) => c.length === 1000).length;
    expect([longs(a), longs(b)]).toEqual([1, 1]);
  });

  it('forgets a call’s work once it is done, answered or failed: the next call starts from an idle pool', async () => {
    const [a, b] = [recordingEncoder(), recordingEncoder()];
    let failing = true;
    const flaky: Encoder = {
      ...a,
      embedChunks: (chunks) => (failing ? Promise.reject(new Error('encoder failed')) : a.embedChunks(chunks)),
    };
    const pool = new EncoderPool([flaky, b], 32, 'similar-length');
    // The long chunk goes to the first encoder, which fails: its work must not stay counted.
    await expect(pool.embedChunks([text('s', 5), text('L', 500)])).rejects.toThrow('encoder failed');
    failing = false;
    for (const k of [1, 2]) {
      await pool.embedChunks([text(`s${k}`, 5), text(`L${k}`, 500)]);
      expect(a.seen.at(-1)).toBe(text(`L${k}`, 500));
    }
  });

  it('embeds a repeated chunk once and answers every position', async () => {
    const [a, b] = [recordingEncoder(), recordingEncoder()];
    const pool = new EncoderPool([a, b], 32, 'similar-length');
    const vectors = await pool.embedChunks(['same', 'other text', 'same']);
    expect(vectors.map((v) => v[0])).toEqual([4, 10, 4]);
    expect([...a.seen, ...b.seen].filter((c) => c === 'same')).toHaveLength(1);
  });
});
