/**
 * An encoder whose chunk vectors are kept in a disk cache (heads/embedding-cache.ts, keyed by
 * the chunk's text), so evaluating a second version, or the same version again, embeds only
 * chunks it has not seen. A chunk's vector does not depend on what it is batched with (exact-length batching on
 * tfjs, one chunk per execution on onnxruntime), so a cached vector is exactly what the encoder would return now.
 */
import type { Encoder } from '../../src/models/encoder.js';
import { ForwardingEncoder } from '../../src/models/forwarding-encoder.js';
import { EmbeddingCache } from '../heads/embedding-cache.js';

export class ChunkCachedEncoder extends ForwardingEncoder {
  hits = 0;
  misses = 0;

  private constructor(
    inner: Encoder,
    private readonly cache: EmbeddingCache,
  ) {
    super(inner);
  }

  /** The cache file is named after the encoder and its runtime, so vectors of two encoders (or runtimes) never mix. */
  static async open(inner: Encoder, cacheDir: string): Promise<ChunkCachedEncoder> {
    return new ChunkCachedEncoder(
      inner,
      await EmbeddingCache.open(cacheDir, `${inner.name}-${inner.runtime}-chunks-exact`, inner.dim),
    );
  }

  async embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    const missing = [...new Set(chunks.filter((c) => this.cache.get(c) === undefined))];
    const fresh = await this.inner.embedChunks(missing);
    missing.forEach((c, i) => this.cache.set(c, fresh[i] as Float32Array));
    this.misses += missing.length;
    this.hits += chunks.length - missing.length;
    return chunks.map((c) => this.cache.get(c) as Float32Array);
  }

  /** Writes new vectors to disk. */
  save(): Promise<void> {
    return this.cache.save();
  }

  /** Saves; the inner encoder belongs to the registry and stays loaded. */
  async dispose(): Promise<void> {
    await this.cache.save();
  }
}
