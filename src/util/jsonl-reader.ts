/** Reads JSONL line by line: each non-blank line parsed as JSON and checked against a schema. */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { z } from 'zod';

export interface JsonlLine<T> {
  /** The line checked against the schema. */
  data: T;
  /** The line as parsed JSON, before the schema. */
  value: unknown;
  /** Its line number, from 1, blank lines included. */
  line: number;
}

/**
 * One line: null when blank. A line that is not JSON or does not match the schema throws
 * `fail('line N: reason')`.
 */
function parseLine<S extends z.ZodType>(
  raw: string,
  n: number,
  schema: S,
  fail: (message: string) => Error,
): JsonlLine<z.infer<S>> | null {
  if (raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw fail(`line ${n}: not valid JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw fail(`line ${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { data: parsed.data, value, line: n };
}

/**
 * Yields every non-blank line of `input`. A line that is not JSON or does not match the schema
 * stops the read with `fail('line N: reason')` (N counts from 1, blank lines included).
 */
export async function* readJsonlLines<S extends z.ZodType>(
  input: Readable,
  schema: S,
  fail: (message: string) => Error,
): AsyncGenerator<JsonlLine<z.infer<S>>> {
  let n = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    n += 1;
    const line = parseLine(raw, n, schema, fail);
    if (line) yield line;
  }
}

/** The same for a whole text already in memory (a committed data file). */
export function parseJsonlText<S extends z.ZodType>(
  text: string,
  schema: S,
  fail: (message: string) => Error,
): JsonlLine<z.infer<S>>[] {
  return text.split(/\r?\n/).flatMap((raw, i) => parseLine(raw, i + 1, schema, fail) ?? []);
}
