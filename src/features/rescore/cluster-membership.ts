/**
 * Reads `clusters.jsonl` (one cluster per line: at least cluster_id, score, members) into each
 * account's cluster. An account listed in several clusters takes the highest-scoring one (ties:
 * the smaller id), so the result does not depend on line order.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Cluster, ClusterLineRef, type ClusterMembership as Membership } from '../../contracts/clusters.js';
import { AppError } from '../../errors.js';
import { openConfined } from './data-paths.js';
import { readJsonlLines } from '../../util/jsonl-reader.js';
import { membershipOf } from '../clusters/cluster-store.js';

/** Account id → its cluster, as the worker's scoring takes it (so rescore output matches the live verdict). */
export type ClusterMembership = Map<string, Membership>;

/** With `root` (runs submitted over HTTP) the file opened must be the regular file inside `root` the path names. */
export async function readClusterMembership(file: string, root?: string): Promise<ClusterMembership> {
  const out: ClusterMembership = new Map();
  let input: Readable;
  if (root !== undefined) input = (await openConfined(root, file)).createReadStream();
  else {
    const stream = createReadStream(file);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (err) =>
        reject(new AppError(400, 'input_not_found', `cannot read clusters file ${file}: ${err.message}`)),
      );
    });
    input = stream;
  }
  const fail = (message: string) => new AppError(400, 'invalid_clusters', `clusters file ${file} ${message}`);
  for await (const { data, value } of readJsonlLines(input, ClusterLineRef, fail)) {
    const { cluster_id, score, members } = data;
    // A full cluster line (from `distill-guard clusters`) carries the evidence for the factor's detail.
    const full = Cluster.safeParse(value);
    const entry: Membership = full.success
      ? membershipOf(full.data)
      : { cluster_id, score, size: members.length, summary: 'listed in the clusters file' };
    for (const m of members) {
      const prev = out.get(m);
      if (prev === undefined || score > prev.score || (score === prev.score && cluster_id < prev.cluster_id))
        out.set(m, entry);
    }
  }
  return out;
}

/**
 * The cluster an account's score takes: its membership (score feature, lift for attack clusters,
 * `cluster_score` factor, `cluster_id`), or 0 outside any cluster.
 */
export const clusterFor = (membership: ClusterMembership | undefined, accountId: string): Membership | 0 =>
  membership?.get(accountId) ?? 0;
