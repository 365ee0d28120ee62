/**
 * Length buckets of a prompt, in characters (code points): short questions, ordinary requests,
 * and long inputs (documents, code, tables, problem statements). A head may hold each bucket to
 * thresholds of its own (head-artifact.ts `thresholdsByLength`), and real-traffic reports give
 * false-positive rates per bucket.
 */
export const LENGTH_BUCKETS = ['<200', '200-1000', '>1000'] as const;
export type LengthBucket = (typeof LENGTH_BUCKETS)[number];

export function lengthBucket(text: string): LengthBucket {
  let n = 0;
  for (const _ of text) if (++n > 1000) return '>1000';
  return n < 200 ? '<200' : '200-1000';
}
