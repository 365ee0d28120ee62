import type { Redis } from 'ioredis';
import { eachMaster, isCluster } from './cluster.js';

/** Deletes every key under `prefix:` (SCAN + UNLINK in pages, on every master of a cluster; never KEYS). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  const perKey = isCluster(redis);
  await eachMaster(redis, async (node) => {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      // A cluster node refuses a multi-key UNLINK across slots: one UNLINK per key there.
      if (!perKey) await node.unlink(...keys);
      else {
        const p = node.pipeline();
        for (const k of keys) p.unlink(k);
        await p.exec();
      }
    } while (cursor !== '0');
  });
}
