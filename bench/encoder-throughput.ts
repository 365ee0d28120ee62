/** Raw encoder throughput (prompts/s) by batch size, on the calling thread. */
import { embedTexts } from '../src/models/embed-texts.js';
import type { Encoder } from '../src/models/encoder.js';

export async function encoderThroughput(
  encoder: Encoder,
  make: (i: number) => string,
  batch: number,
  minSeconds = 4,
): Promise<number> {
  let i = 0;
  const next = () => Array.from({ length: batch }, () => make(i++));
  await embedTexts(encoder, next());
  const started = performance.now();
  let done = 0;
  while ((performance.now() - started) / 1000 < minSeconds) {
    await embedTexts(encoder, next());
    done += batch;
  }
  return done / ((performance.now() - started) / 1000);
}
