/** Worker thread of a threaded encoder: loads USE-lite once and embeds the chunks it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadUseLiteEncoder } from './use-lite-encoder.js';
import type { WorkerReply, WorkerRequest } from './threaded-encoder.js';
import type { Batching } from './chunked-embedding.js';

const { modelDir, batchSize, batching } = workerData as { modelDir: string; batchSize?: number; batching?: Batching };
const post = (m: WorkerReply) => parentPort?.postMessage(m);

loadUseLiteEncoder({ modelDir, batchSize, batching }).then(
  (encoder) => {
    parentPort?.on('message', (msg: WorkerRequest) => {
      encoder.embedChunks(msg.texts).then(
        (vectors) => post({ id: msg.id, vectors }),
        (err: unknown) => post({ id: msg.id, error: (err as Error).message }),
      );
    });
    post({ ready: true, name: encoder.name, weightsHash: encoder.weightsHash });
  },
  (err: unknown) => post({ ready: false, error: (err as Error).message }),
);
