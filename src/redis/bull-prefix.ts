/**
 * Where BullMQ keeps every queue of one service: under `<ACCOUNT_PREFIX>:{bull}` (the one place that
 * says so). The `{bull}` hash tag keeps every key of every queue in one Redis Cluster slot, as BullMQ
 * requires on a cluster (its scripts and flows span a queue's keys and parent/child queues).
 */
export const bullPrefix = (prefix: string): string => `${prefix}:{bull}`;
