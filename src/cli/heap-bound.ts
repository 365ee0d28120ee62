/**
 * A bounded V8 heap for the batch re-scoring processes (`rescore` and `rescore-worker`), when
 * RESCORE_HEAP_MIB asks for one. Without a bound the heap grows with the garbage a long history
 * makes: on a 1M-event history of 250 accounts the coordinating process peaked at 797 MiB without a
 * bound and 518 MiB with 384 MiB, same output (BENCHMARKS.md). The bound is not on by default
 * because what a process must hold grows with the accounts active in the history's last week (the
 * coordinating process keeps every such account's windows): a bound too small for the account base
 * ends the run out of memory. A heap limit can only be set when Node starts,
 * so the launcher (bin/distill-guard.js) starts such a command again with `--max-old-space-size`,
 * unless the flag is already given (in the Node options or NODE_OPTIONS, in either spelling) or the
 * process runs under the inspector (whose port the restarted process could not open again).
 * The restarted command watches the launcher (parent-watch.ts): if the launcher is killed outright
 * (SIGKILL, which it cannot pass on), the command stops as it does on SIGTERM instead of running on
 * with nobody to stop it.
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
  // V8 reads `_` and `-` alike in flag names; an inspector port cannot be opened twice.
  const options = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].map((a) => a.replace(/_/g, '-'));
  const given = options.some((a) => a === FLAG || a.startsWith(FLAG));
  if (options.some((a) => a.startsWith('--inspect'))) return null;
  const mib = EnvSchema.shape.RESCORE_HEAP_MIB.safeParse(env.RESCORE_HEAP_MIB);
  if (given || !mib.success || mib.data === 0) return null;
  return [`${FLAG}=${mib.data}`, ...execArgv, script, ...args];
}
