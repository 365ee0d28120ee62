/**
 * File access of the HTTP API is confined to one data directory (`DATA_DIR`). A path from a
 * request is taken relative to it (or absolute inside it), symlinks are resolved, and what it
 * names must still lie inside: anything else is refused with 400 `path_outside_data_dir` before
 * a job exists. Inputs must be regular files; an output's directory must already exist inside the
 * data directory and the output itself, when present, must be a regular file (never a symlink).
 * The CLI, run by the operator, does not go through here and keeps full paths.
 */
import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';

const outside = (what: string) =>
  new AppError(400, 'path_outside_data_dir', `${what} must name a file inside the data directory (DATA_DIR).`);

function within(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' ? false : !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The data directory, created when missing, as its real path. */
export async function dataRoot(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return realpath(dir);
}

function lexical(root: string, requested: string, what: string): string {
  if (requested.includes('\u0000')) throw outside(what);
  const resolved = path.resolve(root, requested);
  if (!within(root, resolved)) throw outside(what);
  return resolved;
}

/** A readable regular file inside `root` (its real path). */
export async function dataInput(root: string, requested: string, what: string): Promise<string> {
  const resolved = lexical(root, requested, what);
  let real: string;
  try {
    real = await realpath(resolved);
  } catch {
    throw new AppError(400, 'input_not_found', `${what} ${requested} does not exist in the data directory.`);
  }
  if (!within(root, real)) throw outside(what);
  if (!(await stat(real)).isFile()) throw new AppError(400, 'input_not_found', `${what} ${requested} is not a file.`);
  return real;
}

/** A writable output location inside `root`: its directory exists inside, and it is not a symlink or a non-file. */
export async function dataOutput(root: string, requested: string, what: string): Promise<string> {
  const resolved = lexical(root, requested, what);
  let dir: string;
  try {
    dir = await realpath(path.dirname(resolved));
  } catch {
    throw new AppError(
      400,
      'output_dir_not_found',
      `The directory of ${what} ${requested} does not exist in the data directory.`,
    );
  }
  if (dir !== root && !within(root, dir)) throw outside(what);
  const target = path.join(dir, path.basename(resolved));
  const existing = await lstat(target).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) throw outside(what);
  return target;
}
