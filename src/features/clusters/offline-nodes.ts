/**
 * The offline path of the cluster pass: gateway history → labelled jobs → account nodes, each
 * with its own risk from the account model (the same summary, feature and scoring code as the
 * worker), so `distill-guard clusters` and the BullMQ job run the same pass.
 */
import type { AccountEventJob } from '../../contracts/events.js';
import type { AccountModel } from '../aggregate/account-model.js';
import { toSummaryEvent } from '../aggregate/offline.js';
import { scoreSummary } from '../aggregate/score-account.js';
import { summarizeEvents, type SummaryEvent } from '../aggregate/summary.js';
import { createNodeBuilder, type AccountNode } from './account-node.js';

/** Collects labelled jobs into account nodes and per-account summaries. */
export function createOfflineCollector() {
  const builder = createNodeBuilder();
  const summaries = new Map<string, SummaryEvent[]>();
  let events = 0;
  let end = 0;
  return {
    add(job: AccountEventJob): void {
      builder.add(job);
      let list = summaries.get(job.account_id);
      if (list === undefined) summaries.set(job.account_id, (list = []));
      list.push(toSummaryEvent(job));
      events += 1;
      end = Math.max(end, job.ts);
    },
    /** Nodes with their own risk scored at the last event's time (or `now`). */
    finish(
      model: AccountModel,
      now = end,
    ): { nodes: AccountNode[]; values: Map<string, string>; events: number; end: number } {
      const nodes = builder.nodes();
      for (const node of nodes) {
        node.risk = scoreSummary(summarizeEvents(node.id, summaries.get(node.id) ?? [], now), now, model).likelihood;
      }
      return { nodes, values: builder.values(), events, end: now };
    },
  };
}
