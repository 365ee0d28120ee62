/** SHA-256 verification of model files against pinned digests. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export class WeightsIntegrityError extends Error {
  override readonly name = 'WeightsIntegrityError';
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`model file ${file} has SHA-256 ${actual}, expected ${expected}: refusing to load changed weights`);
  }
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Reads each pinned file from `dir`, checks its digest and returns the contents by name.
 * The combined hash (over the sorted `name:digest` list) identifies the whole model.
 */
export async function readVerified(
  dir: string,
  pins: Readonly<Record<string, string>>,
): Promise<{ files: Map<string, Buffer>; combinedHash: string }> {
  const names = Object.keys(pins).sort();
  const files = new Map<string, Buffer>();
  await Promise.all(
    names.map(async (name) => {
      const data = await readFile(path.join(dir, name));
      const actual = sha256(data);
      const expected = pins[name] as string;
      if (actual !== expected) throw new WeightsIntegrityError(path.join(dir, name), expected, actual);
      files.set(name, data);
    }),
  );
  const combinedHash = sha256(names.map((n) => `${n}:${pins[n]}`).join('\n'));
  return { files, combinedHash };
}
