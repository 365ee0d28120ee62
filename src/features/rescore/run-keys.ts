/**
 * Redis layout of re-scoring runs (under the account prefix):
 *
 *   p:rescore:run:{id}:meta          hash: state, options, progress counters, summary, first errors
 *   p:rescore:run:{id}:in:i          part i's input lines (deleted when its result is committed)
 *   p:rescore:run:{id}:out:i         part i's committed result (deflated columns)
 *   p:rescore:run:{id}:done          set of committed part indices
 *   p:rescore:labels:{version}       hash: prompt hash → label index, shared by every run of a head version
 *                                    (and its `:claim:` keys)
 *
 * `{id}` and `{version}` are Redis Cluster hash tags: a run's transactions span its keys, and the
 * prompt labeler's transaction spans the label hash and its claims.
 *
 * Part data expires RUN_TTL_S after the last write, so an abandoned run cleans itself up; a
 * finished run keeps only its meta (for `GET /v1/jobs/:id`).
 */
import { hashTag } from '../../redis/key-slot.js';

export const RUN_TTL_S = 7 * 86_400;

export interface RunKeys {
  base: string;
  meta: string;
  input(index: number): string;
  output(index: number): string;
  done: string;
}

export function runKeys(prefix: string, runId: string): RunKeys {
  const base = `${prefix}:rescore:run:${hashTag(runId)}`;
  return {
    base,
    meta: `${base}:meta`,
    input: (i) => `${base}:in:${i}`,
    output: (i) => `${base}:out:${i}`,
    done: `${base}:done`,
  };
}

export const labelCacheKey = (prefix: string, version: string): string =>
  `${prefix}:rescore:labels:${hashTag(version)}`;

/** BullMQ job id of a run's part (`:` is not allowed in custom ids). */
export const partJobId = (runId: string, index: number): string => `${runId}-c${index}`;
