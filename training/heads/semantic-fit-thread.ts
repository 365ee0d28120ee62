/**
 * Worker thread of the semantic fit pool: holds the shared embedding and target matrices and
 * trains one semantic path per request on the rows it names (see semantic-fit-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DenseLayer } from '../../src/models/heads/dense-network.js';
import { trainSemantic, type SemanticTrainConfig } from './train-semantic.js';

export interface FitData {
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
  dim: number;
  labels: number;
}
export type FitRequest = { id: number; rows: Int32Array; config: SemanticTrainConfig };
export type FitReply = { id: number; layers: DenseLayer[] } | { id: number; error: string };

const data = workerData as FitData;
const x = new Float32Array(data.x);
const y = new Float32Array(data.y);

parentPort?.on('message', (req: FitRequest) => {
  const xs = Array.from(req.rows, (r) => x.subarray(r * data.dim, (r + 1) * data.dim));
  const targets = Array.from(req.rows, (r) => Array.from(y.subarray(r * data.labels, (r + 1) * data.labels)));
  trainSemantic(xs, targets, req.config).then(
    (layers) =>
      parentPort?.postMessage(
        { id: req.id, layers } satisfies FitReply,
        layers.flatMap((l) => [l.kernel.buffer as ArrayBuffer, l.bias.buffer as ArrayBuffer]),
      ),
    (err: unknown) =>
      parentPort?.postMessage({
        id: req.id,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies FitReply),
  );
});
