/**
 * A disk cache of text embeddings for training runs, keyed by encoder name and the SHA-256 of
 * each text. Retraining after a data change embeds only the new texts. The cache never changes
 * results: a cached vector is exactly what the encoder returned for that text.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../../src/models/weights-integrity.js';

export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly dim: number,
  ) {}

  static async open(dir: string, encoderName: string, dim: number): Promise<EmbeddingCache> {
    const cache = new EmbeddingCache(path.join(dir, `${encoderName.replace(/[^\w.@-]/g, '_')}.bin`), dim);
    if (existsSync(cache.file)) {
      const bytes = await readFile(cache.file);
      const record = 32 + dim * 4;
      for (let at = 0; at + record <= bytes.length; at += record) {
        const key = bytes.subarray(at, at + 32).toString('hex');
        const v = new Float32Array(dim);
        Buffer.from(v.buffer).set(bytes.subarray(at + 32, at + record));
        cache.vectors.set(key, v);
      }
    }
    return cache;
  }

  static key(text: string): string {
    return sha256(text);
  }

  get(text: string): Float32Array | undefined {
    return this.vectors.get(EmbeddingCache.key(text));
  }

  set(text: string, v: Float32Array): void {
    this.vectors.set(EmbeddingCache.key(text), v);
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    const record = 32 + this.dim * 4;
    const out = Buffer.alloc(this.vectors.size * record);
    let at = 0;
    for (const [key, v] of this.vectors) {
      out.write(key, at, 'hex');
      Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(out, at + 32);
      at += record;
    }
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(this.file, out);
    this.dirty = false;
  }
}
