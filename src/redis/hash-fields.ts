/**
 * Reading fields spread over many hashes at once: one pipelined HMGET per hash (and page of
 * fields), sent per node on Redis Cluster (`slotPipeline`).
 */
import type { Redis } from 'ioredis';
import { slotPipeline } from './slot-pipeline.js';

/** Field → the first value found for it, hashes taken in the order given; fields no hash holds are left out. */
export async function readHashFields(
  redis: Redis,
  byHash: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, string>> {
  const p = slotPipeline(redis);
  const asked: (readonly string[])[] = [];
  for (const [key, fields] of byHash)
    for (let i = 0; i < fields.length; i += 1000) {
      const page = fields.slice(i, i + 1000);
      p.hmget(key, ...page);
      asked.push(page);
    }
  const out = new Map<string, string>();
  ((await p.exec()) ?? []).forEach(([err, values], k) => {
    if (err) throw err;
    (values as (string | null)[]).forEach((v, i) => {
      const field = asked[k]![i]!;
      if (v !== null && !out.has(field)) out.set(field, v);
    });
  });
  return out;
}

/** Items' fields grouped by the hash that holds each. */
export function fieldsByHash<T>(
  items: Iterable<T>,
  hashOf: (item: T) => string,
  fieldOf: (item: T) => string,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of items) {
    const key = hashOf(item);
    let list = out.get(key);
    if (list === undefined) out.set(key, (list = []));
    list.push(fieldOf(item));
  }
  return out;
}
