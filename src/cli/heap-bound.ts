/**
 * The batch re-scoring processes (`rescore` and `rescore-worker`) run with a bounded V8 heap.
 * Their live data is bounded (windows per account, fixed-size caches), but an unbounded heap grows
 * with the garbage a long history makes: on a 1M-event history the same run peaked at 797 MiB
 * per process without a bound and 521 MiB with a 256 MiB old generation, with identical output
 * (BENCHMARKS.md). A heap limit can only be set when Node starts, so the launcher
 * (bin/distill-guard.js) starts such a command again with `--max-old-space-size`, unless the
 * flag is already given (in the Node options or NODE_OPTIONS) or RESCORE_HEAP_MIB is 0.
 */
import { EnvSchema } from '../env.js';

export const HEAP_BOUNDED_COMMANDS: ReadonlySet<string> = new Set(['rescore', 'rescore-worker']);

const FLAG = '--max-old-space-size';

/**
 * The Node arguments to start `argv` (as in process.argv) again with a bounded heap, or null when
 * it runs as it is: another command, the flag already set, RESCORE_HEAP_MIB 0, or a value the
 * environment schema will reject with its own error.
 */
export function heapBoundArgs(
  argv: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] | null {
  const [, script, ...args] = argv;
  const command = args.find((a) => !a.startsWith('-'));
  if (script === undefined || command === undefined || !HEAP_BOUNDED_COMMANDS.has(command)) return null;
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].some(
    (a) => a === FLAG || a.startsWith(`${FLAG}=`),
  );
  const mib = EnvSchema.shape.RESCORE_HEAP_MIB.safeParse(env.RESCORE_HEAP_MIB);
  if (given || !mib.success || mib.data === 0) return null;
  return [`${FLAG}=${mib.data}`, ...execArgv, script, ...args];
}
