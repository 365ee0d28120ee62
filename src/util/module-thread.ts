/**
 * Starts a worker thread from a module next to the caller. Compiled builds load the `.js`
 * file directly; under tsx (tests, training scripts) the `.ts` source is loaded through
 * tsx's loader, registered inside the worker first.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startModuleThread(callerUrl: string, basename: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${basename}.js`, callerUrl), options);
  const target = new URL(`./${basename}.ts`, callerUrl).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
