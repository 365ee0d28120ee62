/**
 * A chunk embedding cache in front of an encoder: a bounded LRU of chunk vectors keyed by the
 * SHA-256 of the encoder's name (which pins its weights) and the chunk text, so a repeated system
 * prompt or template costs no encoder pass.
 *
 * Invariants:
 * - Only wraps an encoder whose vector for a chunk depends on the chunk alone (not on the batch
 *   it runs in), so results are the same with the cache on or off (registry.ts decides).
 * - A chunk repeated within one call, or already on its way to the encoder for another call, is
 *   embedded once.
 * - Memory stays bounded by `capacity` entries whatever the traffic.
 */
import { createHash } from 'node:crypto';
import { Lru } from '../util/lru.js';
import type { Encoder } from './encoder.js';
import { ForwardingEncoder } from './forwarding-encoder.js';

export interface EncoderCacheStats {
  hits: number;
  misses: number;
  entries: number;
  capacity: number;
}

/** Two caches' counters together (a pool's threads, or several loaded encoders). */
export function sumCacheStats(a: EncoderCacheStats, b: EncoderCacheStats): EncoderCacheStats {
  return {
    hits: a.hits + b.hits,
    misses: a.misses + b.misses,
    entries: a.entries + b.entries,
    capacity: a.capacity + b.capacity,
  };
}

export class CachedEncoder extends ForwardingEncoder {
  private readonly vectors: Lru<string, Float32Array>;
  private readonly inFlight = new Map<string, Promise<Float32Array>>();
  private hits = 0;
  private misses = 0;

  constructor(inner: Encoder, capacity: number) {
    super(inner);
    this.vectors = new Lru(capacity);
  }

  stats(): EncoderCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.vectors.size, capacity: this.vectors.capacity };
  }

  private key(chunk: string): string {
    return createHash('sha256').update(this.inner.name).update('\0').update(chunk).digest('base64');
  }

  async embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    const missing = new Map<string, string>();
    const found = chunks.map((chunk) => {
      const k = this.key(chunk);
      const known = this.vectors.get(k) ?? this.inFlight.get(k);
      if (known !== undefined || missing.has(k)) this.hits++;
      else {
        this.misses++;
        missing.set(k, chunk);
      }
      return known ?? k;
    });
    if (missing.size > 0) {
      const batch = this.inner.embedChunks([...missing.values()]);
      [...missing.keys()].forEach((k, j) => {
        const one = batch.then((vectors) => vectors[j] as Float32Array);
        this.inFlight.set(k, one);
        one.then(
          (v) => {
            this.vectors.set(k, v);
            this.inFlight.delete(k);
          },
          () => this.inFlight.delete(k),
        );
      });
    }
    return Promise.all(found.map((f) => (typeof f === 'string' ? (this.inFlight.get(f) as Promise<Float32Array>) : f)));
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}
