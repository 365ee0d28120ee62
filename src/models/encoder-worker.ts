/** Worker thread of a threaded encoder: loads USE-lite once and embeds the chunks it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadUseLiteEncoder, type UseLiteOptions } from './use-lite-encoder.js';
import type { WorkerReply, WorkerRequest } from './threaded-encoder.js';

const options = workerData as UseLiteOptions;
const post = (m: WorkerReply) => parentPort?.postMessage(m);

loadUseLiteEncoder(options).then(
  (encoder) => {
    parentPort?.on('message', (msg: WorkerRequest) => {
      encoder.embedChunks(msg.texts).then(
        (vectors) => post({ id: msg.id, vectors }),
        (err: unknown) => post({ id: msg.id, error: (err as Error).message }),
      );
    });
    post({ ready: true, name: encoder.name, runtime: encoder.runtime, weightsHash: encoder.weightsHash });
  },
  (err: unknown) => post({ ready: false, error: (err as Error).message }),
);
