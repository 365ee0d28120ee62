#!/usr/bin/env node
// Entry point of the `distill-guard` command: runs the compiled CLI (built by `npm ci` / `npm run build`),
// the service's commands (src/cli.ts) with the training commands (training/cli/commands.ts).
import { main } from '../dist/src/cli.js';
import { TRAINING_COMMANDS } from '../dist/training/cli/commands.js';

main(process.argv, {}, TRAINING_COMMANDS).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
