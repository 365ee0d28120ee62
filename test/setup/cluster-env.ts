/**
 * Setup file of the `cluster` project: every connection the suites open (test helpers, loadEnv
 * sources built from them, child processes) goes to the private Redis Cluster of the global setup.
 */
const nodes = process.env.DG_TEST_CLUSTER_NODES;
if (nodes === undefined || nodes === '')
  throw new Error('DG_TEST_CLUSTER_NODES is unset: the global setup starts the cluster');
process.env.REDIS_CLUSTER_NODES = nodes;
