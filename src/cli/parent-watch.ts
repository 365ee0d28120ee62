/**
 * A process that another distill-guard process started and is responsible for stopping (the
 * launcher's restarted command, a re-scoring run's worker processes) follows that parent: once it is
 * no longer the parent's child (the parent died, even by SIGKILL or out of memory, and the process was
 * re-parented), it says so on stderr and sends itself SIGTERM, once, so its own shutdown runs (a
 * re-scoring run stops after its chunks in flight and stays resumable; a worker finishes its chunk).
 */
import { EnvSchema } from '../env.js';

/** The variable through which a parent gives the process it starts its own pid. */
export const PARENT_PID_VARIABLE = 'DISTILL_GUARD_PARENT_PID';

/**
 * Watches the parent named in `env`, if any. The variable is removed from `env`, so the processes
 * this one starts do not take it for theirs (a parent that wants them to follow it sets its own pid).
 * The timer never keeps the process alive.
 */
export function watchParent(
  env: Record<string, string | undefined>,
  intervalMs = 500,
  stderr: Pick<NodeJS.WriteStream, 'write'> = process.stderr,
): NodeJS.Timeout | undefined {
  const pid = EnvSchema.shape.DISTILL_GUARD_PARENT_PID.safeParse(env[PARENT_PID_VARIABLE]);
  delete env[PARENT_PID_VARIABLE];
  if (!pid.success || pid.data === 0) return undefined;
  const parent = pid.data;
  const timer = setInterval(() => {
    // process.ppid is read from the system on each access.
    if (process.ppid === parent) return;
    clearInterval(timer);
    stderr.write(`distill-guard: the process that started this one (pid ${parent}) is gone; stopping\n`);
    process.kill(process.pid, 'SIGTERM');
  }, intervalMs);
  timer.unref();
  return timer;
}
