/**
 * One TensorFlow.js runtime per process, initialised once (single-flight).
 * The default backend is WebAssembly (`@tensorflow/tfjs-backend-wasm`, bundled, no download).
 * If `@tensorflow/tfjs-node` happens to be installed it is used instead (native, faster);
 * it is never a required dependency.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

let ready: Promise<TfBackendName> | undefined;

async function tryNativeBackend(): Promise<boolean> {
  const require = createRequire(import.meta.url);
  try {
    require.resolve('@tensorflow/tfjs-node');
  } catch {
    return false;
  }
  try {
    await import('@tensorflow/tfjs-node' as string);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

async function init(preferred?: TfBackendName): Promise<TfBackendName> {
  if (preferred !== 'wasm' && preferred !== 'cpu' && (await tryNativeBackend())) return 'tensorflow';
  if (preferred !== 'cpu') {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return 'wasm';
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}

/**
 * Initialises the backend on first call and returns its name; later calls share the same promise.
 * `DISTILL_GUARD_TF_BACKEND` (tensorflow|wasm|cpu) pins a backend.
 */
export function tfRuntime(): Promise<TfBackendName> {
  if (!ready) {
    const pinned = process.env.DISTILL_GUARD_TF_BACKEND as TfBackendName | undefined;
    ready = init(pinned).catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
  }
  return ready;
}

export { tf };
