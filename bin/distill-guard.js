#!/usr/bin/env node
// Entry point of the `distill-guard` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { main } from '../dist/src/cli.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
