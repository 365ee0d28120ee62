import { defineConfig } from 'vitest/config';

/** Suites that run a second time on the private 3-master Redis Cluster of the global setup. */
const CLUSTER_SUITES = [
  'test/account-pipeline.test.ts',
  'test/rescore.test.ts',
  'test/clusters.test.ts',
  'test/clusters-worker.test.ts',
  'test/clusters-partitioned.test.ts',
  'test/redis-cluster.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/redis.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: { name: 'single', include: ['test/**/*.test.ts'], exclude: ['test/redis-cluster.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'cluster', include: CLUSTER_SUITES, setupFiles: ['test/setup/cluster-env.ts'] },
      },
    ],
  },
});
