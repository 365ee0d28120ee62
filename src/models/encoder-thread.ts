/** Worker thread of a threaded encoder: loads one encoder (USE-lite or a local ONNX model) and embeds the chunks it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSpecInThread, type WorkerReply, type WorkerRequest, type WorkerSpec } from './threaded-encoder.js';

const post = (m: WorkerReply) => parentPort?.postMessage(m);

loadSpecInThread(workerData as WorkerSpec).then(
  (encoder) => {
    parentPort?.on('message', (msg: WorkerRequest) => {
      encoder.embedChunks(msg.texts).then(
        (vectors) => post({ id: msg.id, vectors }),
        (err: unknown) => post({ id: msg.id, error: (err as Error).message }),
      );
    });
    post({
      ready: true,
      name: encoder.name,
      runtime: encoder.runtime,
      weightsHash: encoder.weightsHash,
      dim: encoder.dim,
    });
  },
  (err: unknown) => post({ ready: false, error: (err as Error).message }),
);
