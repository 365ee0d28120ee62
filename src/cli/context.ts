import type { Readable, Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import type { PromptClassifier } from '../models/prompt-classifier.js';
import type { LoadOptions } from '../models/registry.js';

/** What commands need from the outside world; tests pass their own streams and environment. */
export interface CliContext {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  loadClassifier: (opts: LoadOptions & { modelsDir: string; version: string }) => Promise<PromptClassifier>;
  disposeModels: () => Promise<void>;
  /** Set by the command's action; `main` returns it. */
  exitCode: number;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port between 0 and 65535');
  return n;
}
