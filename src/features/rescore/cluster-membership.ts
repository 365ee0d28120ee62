/**
 * Reads `clusters.jsonl` (one cluster per line: at least cluster_id, score, members) into each
 * account's cluster. An account listed in several clusters takes the highest-scoring one (ties:
 * the smaller id), so the result does not depend on line order.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ClusterLineRef } from '../../contracts/clusters.js';
import { AppError } from '../../errors.js';

export interface ClusterRef {
  clusterId: string;
  score: number;
}

export type ClusterMembership = Map<string, ClusterRef>;

export async function readClusterMembership(file: string): Promise<ClusterMembership> {
  const out: ClusterMembership = new Map();
  let n = 0;
  const input = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (err) => reject(new AppError(400, 'input_not_found', `cannot read clusters file ${file}: ${err.message}`)));
  });
  await opened;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    n += 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError(400, 'invalid_clusters', `clusters file ${file} line ${n}: not valid JSON`);
    }
    const parsed = ClusterLineRef.safeParse(value);
    if (!parsed.success) {
      throw new AppError(400, 'invalid_clusters', `clusters file ${file} line ${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const { cluster_id: clusterId, score, members } = parsed.data;
    for (const m of members) {
      const prev = out.get(m);
      if (prev === undefined || score > prev.score || (score === prev.score && clusterId < prev.clusterId)) out.set(m, { clusterId, score });
    }
  }
  return out;
}

/**
 * The cluster signal an account's score takes (the account model's `cluster_score` feature):
 * the score of the account's cluster, 0 outside any cluster.
 */
export const clusterScoreFor = (membership: ClusterMembership | undefined, accountId: string): number =>
  membership?.get(accountId)?.score ?? 0;
