/**
 * File access of the HTTP API is confined to one data directory (`DATA_DIR`). A path from a
 * request is taken relative to it (or absolute inside it), symlinks are resolved, and what it
 * names must still lie inside: anything else is refused with 400 `path_outside_data_dir` before
 * a job exists. Inputs must be regular files; an output's directory must already exist inside the
 * data directory and the output itself, when present, must be a regular file (never a symlink).
 * The CLI, run by the operator, does not go through here and keeps full paths.
 *
 * The check at submission is repeated where the worker opens the file (`openConfined`): the file
 * actually opened must be the one a path inside the data directory names at that moment, so a
 * path component swapped for a symlink between the check and the open is refused, not followed.
 * `<DATA_DIR>/rescore/` holds the service's own job files: a request may read there but not write.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';

/** The data directory's subdirectory of job files (uploads, default outputs). */
export const JOBS_SUBDIR = 'rescore';

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
  const jobs = path.join(root, JOBS_SUBDIR);
  if (dir === jobs || within(jobs, dir))
    throw new AppError(
      400,
      'path_reserved',
      `${what} must not lie under ${JOBS_SUBDIR}/ of the data directory (the service's own job files).`,
    );
  const target = path.join(dir, path.basename(resolved));
  const existing = await lstat(target).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) throw outside(what);
  return target;
}

const escaped = () =>
  new AppError(400, 'path_outside_data_dir', 'A file of the job no longer lies inside the data directory.');

/** Refuses an open file that is not the regular file `file` names inside `root` right now. */
async function assertSameFileInside(root: string, file: string, fh: FileHandle): Promise<void> {
  const opened = await fh.stat();
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    throw escaped();
  }
  if (!within(root, real)) throw escaped();
  const named = await stat(real);
  if (!opened.isFile() || named.dev !== opened.dev || named.ino !== opened.ino) throw escaped();
}

/**
 * Opens `file` (a path the submission check resolved inside `root`) for reading, without
 * following a symlink in its last component, and checks that what was opened is still the
 * regular file inside `root` that the path names.
 */
export async function openConfined(root: string, file: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw escaped();
    throw new AppError(400, 'input_not_found', `${path.basename(file)} cannot be read.`);
  }
  try {
    await assertSameFileInside(root, file, fh);
    return fh;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/**
 * Creates `file` for writing, exclusively (an existing file or symlink of that name is an error,
 * never followed), and checks that it was created inside `root`.
 */
export async function createConfined(root: string, file: string): Promise<FileHandle> {
  const dir = await realpath(path.dirname(file)).catch(() => undefined);
  if (dir === undefined || (dir !== root && !within(root, dir))) throw escaped();
  const fh = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    await assertSameFileInside(root, file, fh);
    return fh;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/** Creates `<root>/rescore/<id>/` for a new job (refusing a `rescore` that is not a plain directory). */
export async function makeJobDir(root: string, id: string): Promise<string> {
  const jobs = path.join(root, JOBS_SUBDIR);
  await mkdir(jobs).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  if (!(await lstat(jobs)).isDirectory()) throw escaped();
  const dir = path.join(jobs, id);
  await mkdir(dir);
  return dir;
}
