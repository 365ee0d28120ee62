/**
 * onnxruntime session options shared by every encoder graph.
 *
 * Worker threads do not spin while they wait for work: a server runs several encoder threads
 * (each with its own intra-op threads) beside its HTTP thread on few cores, and spinning threads
 * would take those cores from the others (measured: with two encoder threads of two intra-op
 * threads each on two cores, a SIGTERM drain that should take a second took over 18).
 */
import type { InferenceSession } from 'onnxruntime-node';

export function encoderSessionOptions(intraOpThreads = 1): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: Math.max(1, Math.floor(intraOpThreads)),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
}
