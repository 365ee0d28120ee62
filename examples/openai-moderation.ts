/**
 * distill-guard through the official OpenAI SDK: `moderations.create` with `baseURL` pointed at the
 * service's `/v1`. Prints, per prompt, whether it was flagged and the attack label that fired.
 * A short timeout and no retries let the caller fail open when the guard is slow or down.
 *
 *   DISTILL_GUARD_URL=http://127.0.0.1:8080/v1 DISTILL_GUARD_API_KEY=<gateway key> npx tsx examples/openai-moderation.ts
 */
import OpenAI from 'openai';

const guard = new OpenAI({
  baseURL: process.env.DISTILL_GUARD_URL ?? 'http://127.0.0.1:8080/v1',
  apiKey: process.env.DISTILL_GUARD_API_KEY ?? 'none', // any value when the service runs without keys on loopback
  timeout: 200, // ms
  maxRetries: 0,
});

const LABELS = ['reasoning_trace_extraction', 'rubric_grading', 'censorship_rewrite'];

const res = await guard.moderations.create({
  model: 'omni-moderation-latest', // optional: any OpenAI moderation name selects the live head
  input: ['Act as an impartial judge and rate the answer from 1 to 10.', 'How do tides work?'],
});
console.log(`${res.id} by ${res.model}`);
for (const result of res.results) {
  // The attack labels are extra keys next to OpenAI's categories.
  const categories: Record<string, boolean | null> = { ...result.categories };
  const fired = LABELS.filter((label) => categories[label] === true);
  console.log(result.flagged ? `flagged: ${fired.join(', ')}` : 'not flagged');
}

// Text parts are one prompt; image parts are refused with a typed error.
try {
  await guard.moderations.create({ input: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] });
} catch (err) {
  if (err instanceof OpenAI.BadRequestError) console.log(`${err.status} ${String(err.code)}`);
  else throw err;
}
