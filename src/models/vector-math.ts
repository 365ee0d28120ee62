/** Small dense-vector helpers shared by encoders and heads. */

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

export function l2Normalize(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v)) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** Mean of vectors, re-normalised to unit length. */
export function meanNormalized(vectors: readonly Float32Array[]): Float32Array {
  const first = vectors[0];
  if (!first) throw new RangeError('no vectors');
  if (vectors.length === 1) return first;
  const out = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (v[i] as number);
  return l2Normalize(out);
}
