/** Worker thread of the embedding pool: one encoder, embeds the batches it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadUseLiteEncoder } from './use-lite-encoder.js';

const { maxChunksPerText } = workerData as { maxChunksPerText: number };
const encoder = loadUseLiteEncoder({ maxChunksPerText });

parentPort?.on('message', (msg: { id: number; texts: string[] }) => {
  encoder
    .then((e) => e.embed(msg.texts))
    .then((vectors) => parentPort?.postMessage({ id: msg.id, vectors }))
    .catch((err: unknown) => parentPort?.postMessage({ id: msg.id, error: (err as Error).message }));
});
