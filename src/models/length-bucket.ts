/**
 * Length buckets of a prompt, in characters (code points): short questions, ordinary requests,
 * and long inputs (documents, code, tables, problem statements). A head may hold each bucket to
 * thresholds of its own (head-artifact.ts `thresholdsByLength`), and real-traffic reports give
 * false-positive rates per bucket.
 */
export const LENGTH_BUCKETS = ['<200', '200-1000', '>1000'] as const;
export type LengthBucket = (typeof LENGTH_BUCKETS)[number];

export function lengthBucket(text: string): LengthBucket {
  // A code point is one UTF-16 unit, or two (a surrogate pair): most texts are decided by their
  // length alone, the rest by their units less the second unit of each pair.
  if (text.length < 200) return '<200';
  if (text.length > 2000) return '>1000';
  let n = text.length;
  for (let i = 1; i < text.length; i++)
    if ((text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) n--;
  return n < 200 ? '<200' : n <= 1000 ? '200-1000' : '>1000';
}
