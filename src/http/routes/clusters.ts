import type { Redis } from 'ioredis';
import { z } from 'zod';
import { Cluster, ClusterList, ClusterListQuery } from '../../contracts/clusters.js';
import { ErrorResponse } from '../../contracts/error.js';
import { invalidRequest, issuesToDetails, notFound } from '../../errors.js';
import { ClusterStore } from '../../features/clusters/cluster-store.js';
import { createClusterProducer } from '../../queues/producers/clusters.js';
import { ClusterPath } from '../../contracts/identifiers.js';
import { parseParams } from '../params.js';
import type { Route } from './route.js';

export interface ClusterRoutesDeps {
  redis: Redis;
  /** ACCOUNT_PREFIX: the clusters live under the account pipeline's prefix. */
  prefix: string;
}

const ClusterPassRequested = z.object({ job_id: z.string() }).meta({ title: 'ClusterPassRequested' });

/** `GET /v1/clusters`, `GET /v1/clusters/:id` (analysts) and `POST /v1/clusters/run` (admins). */
export function clusterRoutes(deps: ClusterRoutesDeps): Route[] {
  const store = new ClusterStore(deps.redis, deps.prefix);
  return [
    {
      access: 'analyst',
      spec: {
        method: 'get',
        path: '/v1/clusters',
        operationId: 'listClusters',
        summary:
          'Coordinated-account clusters of the latest cluster pass, highest campaign score first (query: min_score, limit).',
        tags: ['clusters'],
        responses: {
          200: { description: 'Clusters and when the pass ran.', name: 'ClusterList', schema: ClusterList },
          400: { description: 'Invalid query.', name: 'ErrorResponse', schema: ErrorResponse },
        },
      },
      handler: async (req, res) => {
        const parsed = ClusterListQuery.safeParse(req.query);
        if (!parsed.success) throw invalidRequest('Invalid query.', issuesToDetails(parsed.error.issues));
        res.json(await store.list(parsed.data));
      },
    },
    {
      access: 'analyst',
      spec: {
        method: 'get',
        path: '/v1/clusters/:id',
        operationId: 'getCluster',
        summary: 'One cluster: members, campaign score, evidence with counts and timeline.',
        tags: ['clusters'],
        responses: {
          200: { description: 'The cluster.', name: 'Cluster', schema: Cluster },
          400: { description: 'Not a cluster id.', name: 'ErrorResponse', schema: ErrorResponse },
          404: { description: 'No such cluster in the latest pass.', name: 'ErrorResponse', schema: ErrorResponse },
        },
      },
      handler: async (req, res) => {
        const { id } = parseParams(ClusterPath, req.params);
        const cluster = await store.get(id);
        if (cluster === undefined) throw notFound('No such cluster in the latest cluster pass.');
        res.json(cluster);
      },
    },
    {
      access: 'admin',
      spec: {
        method: 'post',
        path: '/v1/clusters/run',
        operationId: 'runClusterPass',
        summary: 'Queue a cluster pass now (workers run it; results replace the current clusters).',
        tags: ['clusters'],
        responses: {
          202: { description: 'The pass was queued.', name: 'ClusterPassRequested', schema: ClusterPassRequested },
        },
      },
      handler: async (_req, res) => {
        const clusters = createClusterProducer({ connection: deps.redis, prefix: deps.prefix });
        try {
          res.status(202).json({ job_id: await clusters.request() });
        } finally {
          await clusters.close();
        }
      },
    },
  ];
}
