/**
 * Request/reply calls to a worker thread: each call posts `{ id, ...request }` and resolves with
 * the reply carrying the same id (`{ id, error }` rejects). When the thread fails or exits, every
 * pending call is rejected and later calls reject at once.
 */
import type { Worker } from 'node:worker_threads';

/** A reply from the thread: `{ id, error }` or `{ id, ...value }`. */
export type ThreadReply = { id: number; error?: string };

export class ThreadCalls {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: unknown) => {
      if (typeof reply !== 'object' || reply === null || !('id' in reply)) return;
      const { id, error } = reply as ThreadReply;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (error !== undefined) p.reject(new Error(error));
      else p.resolve(reply);
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`worker thread exited with code ${code}`)));
  }

  /** Calls waiting for their reply. */
  get waiting(): number {
    return this.pending.size;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Posts `request` with a fresh id; resolves with the whole reply. */
  call<R>(request: object): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  /** Posts without waiting for a reply. */
  post(message: object): void {
    if (!this.failure) this.worker.postMessage(message);
  }

  /** Rejects what is pending and later calls with `reason`, and stops the thread. */
  async terminate(reason = 'the thread has been stopped'): Promise<void> {
    this.fail(new Error(reason));
    await this.worker.terminate();
  }
}
