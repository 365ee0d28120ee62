import { WaitingChildrenError, type Job, type Queue } from 'bullmq';
import type { ClusterJobResult } from '../../features/clusters/cluster-job.js';
import type { PartitionedSteps } from '../../features/clusters/partitioned/partitioned-job.js';
import { QUEUES, QueueName, type ClusterPartJob } from '../definitions.js';
import type { QueueHandler } from '../start-worker.js';

const { jobName, jobOptions } = QUEUES[QueueName.ClusterParts];
type Reduce = Extract<ClusterPartJob, { step: 'reduce' }>;

/** A child of a pass: its job id (a retried parent step adds nothing twice) and options. */
export const childOptions = (run: string, step: string, index: number) => ({
  ...jobOptions,
  jobId: `${run}-${step}-${index}`,
  failParentOnFailure: true,
});

/**
 * The steps of a partitioned cluster pass: children run one step for one shard or partition; the
 * parent, run again each time its children are done, adds the next step's children (block after
 * map, score after block), then reduces.
 */
export function createClusterPartsHandler(deps: {
  steps: PartitionedSteps;
  /** The parts queue, to add the parent's next children. */
  parts: Queue;
}): QueueHandler<typeof QueueName.ClusterParts> {
  const { steps } = deps;
  return async (data, job, token) => {
    switch (data.step) {
      case 'map':
        return steps.map(data, data.index);
      case 'block':
        return steps.block(data, data.index, data.population);
      case 'score':
        return steps.score(data, data.index, data.population);
      case 'reduce':
        return coordinate(deps, data, job, token);
    }
  };
}

async function coordinate(
  deps: { steps: PartitionedSteps; parts: Queue },
  first: Reduce,
  job: Job,
  token: string | undefined,
): Promise<ClusterJobResult> {
  for (let data = first; ;) {
    const done = data.phase === 'block' ? 'map' : data.phase === 'score' ? 'block' : 'score';
    const stages = { ...data.stages, [done]: Date.now() - data.phaseAt };
    const population =
      data.population ??
      Object.values(await job.getChildrenValues<{ accounts?: number }>()).reduce((s, v) => s + (v.accounts ?? 0), 0);
    if (data.phase === 'reduce') return deps.steps.reduce(data, population, { startedAt: data.startedAt, stages });
    const step = data.phase;
    const { run, shards, from, to } = data;
    await deps.parts.addBulk(
      Array.from({ length: shards }, (_, index) => ({
        name: jobName,
        data: { step, run, shards, from, to, index, population },
        opts: { ...childOptions(run, step, index), parent: { id: job.id!, queue: job.queueQualifiedName } },
      })),
    );
    data = { ...data, phase: step === 'block' ? 'score' : 'reduce', population, stages, phaseAt: Date.now() };
    await job.updateData(data);
    if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
  }
}
