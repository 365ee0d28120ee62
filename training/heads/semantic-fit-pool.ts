/**
 * Trains semantic paths on every core: a pool of worker threads sharing one copy of the
 * embeddings (a SharedArrayBuffer), each fit running where a thread is free. Training a path
 * is deterministic in its rows and config, so a fit gives the same weights on any thread and
 * in any order; the cross-fitting folds and the candidate kinds of a training run (a dozen
 * fits) then take the time of half as many on two cores.
 */
import type { Worker } from 'node:worker_threads';
import type { DenseLayer } from '../../src/models/heads/dense-network.js';
import { startModuleThread } from '../../src/util/module-thread.js';
import type { FitData, FitReply, FitRequest } from './semantic-fit-thread.js';
import type { SemanticTrainConfig } from './train-semantic.js';

interface Task {
  request: FitRequest;
  resolve: (layers: DenseLayer[]) => void;
  reject: (err: Error) => void;
}

export class SemanticFitPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly running = new Map<Worker, Task>();
  private nextId = 1;
  private closed = false;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: FitReply) => this.settle(worker, reply));
      worker.on('error', (err) => this.fail(worker, err));
      worker.on('exit', (code) => this.fail(worker, new Error(`semantic fit worker exited with code ${code}`)));
      this.idle.push(worker);
    }
  }

  /** A pool of `threads` workers over `embeddings` (all of one dimension) and their multi-label `targets`. */
  static start(embeddings: readonly Float32Array[], targets: readonly number[][], threads: number): SemanticFitPool {
    if (embeddings.length === 0) throw new Error('the semantic fit pool needs at least one row');
    const dim = (embeddings[0] as Float32Array).length;
    const labels = (targets[0] as number[]).length;
    const x = new SharedArrayBuffer(embeddings.length * dim * 4);
    const y = new SharedArrayBuffer(targets.length * labels * 4);
    const xv = new Float32Array(x);
    const yv = new Float32Array(y);
    embeddings.forEach((e, i) => xv.set(e, i * dim));
    targets.forEach((t, i) => yv.set(t, i * labels));
    const data: FitData = { x, y, dim, labels };
    return new SemanticFitPool(
      Array.from({ length: Math.max(1, threads) }, () =>
        startModuleThread(import.meta.url, 'semantic-fit-thread', { workerData: data }),
      ),
    );
  }

  /** Trains a semantic path on the given rows (indices into the pool's embeddings). */
  fit(rows: readonly number[], config: SemanticTrainConfig): Promise<DenseLayer[]> {
    if (this.closed) return Promise.reject(new Error('the semantic fit pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, rows: Int32Array.from(rows), config }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift() as Worker;
      const task = this.queue.shift() as Task;
      this.running.set(worker, task);
      worker.postMessage(task.request);
    }
  }

  private settle(worker: Worker, reply: FitReply): void {
    const task = this.running.get(worker);
    if (!task || task.request.id !== reply.id) return;
    this.running.delete(worker);
    this.idle.push(worker);
    if ('error' in reply) task.reject(new Error(`semantic fit failed: ${reply.error}`));
    else task.resolve(reply.layers);
    this.pump();
  }

  private fail(worker: Worker, err: Error): void {
    const task = this.running.get(worker);
    this.running.delete(worker);
    task?.reject(err);
    if (this.closed) return;
    // A dead worker leaves the pool; with none left, queued fits fail rather than wait forever.
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    const known = this.workers.indexOf(worker);
    if (known >= 0) this.workers.splice(known, 1);
    if (this.workers.length === 0) for (const t of this.queue.splice(0)) t.reject(err);
  }

  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('the semantic fit pool is closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
