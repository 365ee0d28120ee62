/**
 * Redis Cluster seed nodes, `host:port,host:port,…` (REDIS_CLUSTER_NODES). When set, every
 * connection of the service is a cluster connection; REDIS_URL still carries the password and TLS
 * settings (`rediss://`), its host and port are not used.
 */
export interface ClusterNode {
  host: string;
  port: number;
}

/** Parses the seed list; throws with the offending entry when one is not `host:port`. */
export function parseClusterNodes(list: string): ClusterNode[] {
  const nodes = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry) => {
      const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(entry);
      const port = match === null ? NaN : Number(match[2]);
      if (match === null || port < 1 || port > 65535) throw new Error(`"${entry}" is not host:port`);
      return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
    });
  if (nodes.length === 0) throw new Error('no seed node');
  return nodes;
}
