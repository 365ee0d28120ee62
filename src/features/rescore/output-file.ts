import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { RescoreLine } from '../../contracts/accounts.js';

/** Writes output lines to a file atomically (a temporary file renamed at the end), or to a stream. */
export async function writeRescoreLines(
  target: string | Writable,
  lines: Iterable<RescoreLine> | AsyncIterable<RescoreLine>,
): Promise<void> {
  if (typeof target !== 'string') {
    for await (const line of lines) if (!target.write(`${JSON.stringify(line)}\n`)) await once(target, 'drain');
    return;
  }
  await mkdir(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  for await (const line of lines) if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  out.end();
  await finished(out);
  await rename(tmp, target);
}
