/** 32-bit FNV-1a over a string's UTF-16 code units: fast, stable across platforms and versions. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A sparse vector: sorted unique indices with their values. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

/**
 * Hashes string features into `buckets` dimensions with sublinear term frequency (1 + ln tf)
 * and L2 normalisation, so long and short texts live on the same scale.
 */
export function hashFeatures(features: Iterable<string>, buckets: number): SparseVector {
  const counts = new Map<number, number>();
  for (const f of features) {
    const idx = fnv1a(f) % buckets;
    counts.set(idx, (counts.get(idx) ?? 0) + 1);
  }
  const indices = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indices.length);
  let norm = 0;
  indices.forEach((idx, i) => {
    const v = 1 + Math.log(counts.get(idx) as number);
    values[i] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / norm;
  return { indices, values };
}
