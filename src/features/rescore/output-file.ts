import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { RescoreLine } from '../../contracts/accounts.js';
import { createConfined } from './data-paths.js';

/**
 * Writes output lines to a file atomically (a temporary file beside it, created exclusively under
 * a random name, renamed over the target at the end; removed on failure), or to a stream. With
 * `root` (runs submitted over HTTP) the temporary file must be created inside that directory
 * and no directory is created; without it (the CLI) missing directories are created.
 */
export async function writeRescoreLines(
  target: string | Writable,
  lines: Iterable<RescoreLine> | AsyncIterable<RescoreLine>,
  root?: string,
): Promise<void> {
  if (typeof target !== 'string') {
    for await (const line of lines) if (!target.write(`${JSON.stringify(line)}\n`)) await once(target, 'drain');
    return;
  }
  if (root === undefined) await mkdir(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = `${target}.${randomBytes(8).toString('hex')}.tmp`;
  let fh: FileHandle | undefined;
  try {
    fh = root !== undefined ? await createConfined(root, tmp) : undefined;
    const out = fh !== undefined ? fh.createWriteStream() : createWriteStream(tmp, { flags: 'wx' });
    for await (const line of lines) if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
    out.end();
    await finished(out);
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
