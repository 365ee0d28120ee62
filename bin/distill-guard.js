#!/usr/bin/env node
// Entry point of the `distill-guard` command: runs the compiled CLI (built by `npm ci` / `npm run build`),
// the service's commands (src/cli.ts) with the training commands (training/cli/commands.ts).
// `rescore` and `rescore-worker` are started again with a bounded heap when RESCORE_HEAP_MIB asks for one
// (src/cli/heap-bound.ts); such a command stops itself if this process is killed outright.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { heapBoundArgs } from '../dist/src/cli/heap-bound.js';
import { PARENT_PID_VARIABLE, watchParent } from '../dist/src/cli/parent-watch.js';

const bounded = heapBoundArgs(process.argv, process.execArgv, process.env);
if (bounded) {
  // In its own process group, so every signal reaches it once, through this process: Ctrl-C from a
  // terminal (which signals the foreground group) as much as a signal sent to this process alone.
  // It also learns this process's pid, to stop itself if this process is killed outright (SIGKILL).
  const child = spawn(process.execPath, bounded, {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, [PARENT_PID_VARIABLE]: String(process.pid) },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(err.message);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    // A child ended by a signal: the shell's convention, 128 + the signal's number.
    process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0);
  });
} else {
  watchParent(process.env);
  // A reader that stops early (`distill-guard --help | head`) ends the command quietly, with the code a
  // process ended by SIGPIPE gets (128 + 13), not with a stack trace; a closed stderr is not an error
  // either (what would be written there has no reader).
  process.stdout.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(128 + constants.signals.SIGPIPE);
  });
  process.stderr.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
  const { main } = await import('../dist/src/cli.js');
  const { TRAINING_COMMANDS } = await import('../dist/training/cli/commands.js');
  main(process.argv, {}, TRAINING_COMMANDS).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
