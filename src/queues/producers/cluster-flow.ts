/**
 * Starts a partitioned cluster pass as a BullMQ flow: the `reduce` parent with one `map` child per
 * shard (the parent adds the later steps' children itself), and waits for the parent's result.
 */
import { randomBytes } from 'node:crypto';
import { FlowProducer } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ClusterJobResult } from '../../features/clusters/cluster-job.js';
import { bullPrefix } from '../../redis/bull-prefix.js';
import { openQueue, QUEUES, QueueName, type ClusterPartJob } from '../definitions.js';
import { childOptions } from '../handlers/cluster-parts.js';

const { jobName, jobOptions } = QUEUES[QueueName.ClusterParts];

export interface ClusterFlow {
  /** Runs one pass over [from, to) in `shards` shards; rejects when a step fails for good or after `timeoutMs`. */
  run(pass: { shards: number; from: number; to: number; timeoutMs: number }): Promise<ClusterJobResult>;
  close(): Promise<void>;
}

export function createClusterFlow(opts: { connection: Redis; prefix: string; pollMs?: number }): ClusterFlow {
  const flows = new FlowProducer({ connection: opts.connection, prefix: bullPrefix(opts.prefix) });
  const queue = openQueue(QueueName.ClusterParts, opts.connection, opts.prefix);
  const pollMs = opts.pollMs ?? 200;
  return {
    async run({ shards, from, to, timeoutMs }) {
      const run = randomBytes(8).toString('hex');
      const startedAt = Date.now();
      const parent: ClusterPartJob = {
        step: 'reduce',
        run,
        shards,
        from,
        to,
        phase: 'block',
        startedAt,
        phaseAt: startedAt,
        stages: {},
      };
      const { job } = await flows.add({
        name: jobName,
        queueName: QueueName.ClusterParts,
        data: parent,
        opts: { ...jobOptions, jobId: `${run}-reduce` },
        children: Array.from({ length: shards }, (_, index) => ({
          name: jobName,
          queueName: QueueName.ClusterParts,
          data: { step: 'map', run, shards, from, to, index } satisfies ClusterPartJob,
          opts: childOptions(run, 'map', index),
        })),
      });
      for (;;) {
        const state = await job.getState();
        if (state === 'completed') return (await queue.getJob(job.id!))!.returnvalue as ClusterJobResult;
        if (state === 'failed') {
          const failed = await queue.getJob(job.id!);
          throw new Error(`partitioned cluster pass ${run} failed: ${failed?.failedReason ?? 'unknown'}`);
        }
        if (Date.now() - startedAt > timeoutMs) throw new Error(`partitioned cluster pass ${run} timed out`);
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
    async close() {
      await flows.close();
      await queue.close();
    },
  };
}
