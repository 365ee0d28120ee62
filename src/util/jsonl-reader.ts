/** Reads a JSONL stream line by line: each non-blank line parsed as JSON and checked against a schema. */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { z } from 'zod';

export interface JsonlLine<T> {
  /** The line checked against the schema. */
  data: T;
  /** The line as parsed JSON, before the schema. */
  value: unknown;
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
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw fail(`line ${n}: not valid JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw fail(`line ${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    yield { data: parsed.data, value };
  }
}
