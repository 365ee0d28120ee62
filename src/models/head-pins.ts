/**
 * Pins of promoted heads, kept outside the head's own directory: `current.json` carries the
 * SHA-256 of the current version's `head.json` and `weights.bin`, and every record of
 * `promotions.jsonl` carries those of the version it promoted. A version's files must match
 * every pin recorded for it, or it is refused (`ModelIntegrityError`): editing a promoted head,
 * even consistently (weights and the digest in its own head.json together), cannot make it load
 * under that version's name. A version never promoted has no pin (a candidate being evaluated).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface HeadDigests {
  headSha256: string;
  weightsSha256: string;
}

export class ModelIntegrityError extends Error {
  override readonly name = 'ModelIntegrityError';
}

export const CURRENT_FILE = 'current.json';
export const PROMOTIONS_FILE = 'promotions.jsonl';

const HEX64 = /^[0-9a-f]{64}$/;

function digestsOf(value: unknown): HeadDigests | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { headSha256, weightsSha256 } = value as Record<string, unknown>;
  if (typeof headSha256 !== 'string' || typeof weightsSha256 !== 'string') return undefined;
  if (!HEX64.test(headSha256) || !HEX64.test(weightsSha256)) return undefined;
  return { headSha256, weightsSha256 };
}

const readOptional = (file: string): Promise<string | undefined> =>
  readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });

/** Every pin recorded for `version` (current.json, then promotions.jsonl in order). */
export async function pinsOf(modelsDir: string, version: string): Promise<HeadDigests[]> {
  const pins: HeadDigests[] = [];
  const current = await readOptional(path.join(modelsDir, CURRENT_FILE));
  if (current !== undefined) {
    try {
      const value = JSON.parse(current) as { version?: unknown };
      const pin = value.version === version ? digestsOf(value) : undefined;
      if (pin !== undefined) pins.push(pin);
    } catch {
      // an unreadable pointer names no version (currentVersion reports it)
    }
  }
  const log = await readOptional(path.join(modelsDir, PROMOTIONS_FILE));
  for (const line of log?.split('\n') ?? []) {
    if (line.trim() === '') continue;
    let value: { version?: unknown };
    try {
      value = JSON.parse(line) as { version?: unknown };
    } catch {
      throw new ModelIntegrityError(`${path.join(modelsDir, PROMOTIONS_FILE)} holds a line that is not JSON`);
    }
    const pin = value.version === version ? digestsOf(value) : undefined;
    if (pin !== undefined) pins.push(pin);
  }
  return pins;
}

/** Throws unless `actual` matches every pin recorded for `version`. */
export async function verifyPins(modelsDir: string, version: string, actual: HeadDigests): Promise<void> {
  for (const pin of await pinsOf(modelsDir, version)) {
    if (pin.headSha256 !== actual.headSha256 || pin.weightsSha256 !== actual.weightsSha256)
      throw new ModelIntegrityError(
        `model ${version}: head.json/weights.bin (SHA-256 ${actual.headSha256.slice(0, 12)}/${actual.weightsSha256.slice(0, 12)}) do not match its promotion record (${pin.headSha256.slice(0, 12)}/${pin.weightsSha256.slice(0, 12)}): refusing to load a changed head`,
      );
  }
}
