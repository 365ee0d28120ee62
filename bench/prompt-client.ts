/**
 * HTTP load generator for POST /v1/classify on a prompt list, run as its own process (so it does
 * not share the server's event loop). Loopback only; one prompt per request.
 *
 *   closed <url> <prompts.json> <clients>          every prompt once, `clients` requests in flight
 *   open   <url> <prompts.json> <rate> <seconds>   a fixed arrival rate (cycling the list), whatever the answers' pace
 *
 * Prints {requests, errors, seconds, rps, p50, p90, p99, max, byLength} as JSON (latencies in ms;
 * byLength: the same percentiles per prompt-length bucket, < 200, 200-1,000, > 1,000 characters).
 */
import { readFileSync } from 'node:fs';

const [mode, url, file, a, b] = process.argv.slice(2) as [string, string, string, string, string?];
if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error('prompt client only targets loopback');
const prompts = JSON.parse(readFileSync(file, 'utf8')) as string[];
const latencies: number[] = [];
const byLength = new Map<string, number[]>();
const bucketOf = (chars: number) => (chars < 200 ? '<200' : chars <= 1000 ? '200-1000' : '>1000');
let errors = 0;

async function send(prompt: string): Promise<void> {
  const start = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: prompt }),
    });
    await res.arrayBuffer();
    if (res.ok) {
      const ms = performance.now() - start;
      latencies.push(ms);
      const bucket = bucketOf(prompt.length);
      const list = byLength.get(bucket) ?? [];
      list.push(ms);
      byLength.set(bucket, list);
    } else errors++;
  } catch {
    errors++;
  }
}

const t0 = performance.now();
if (mode === 'closed') {
  let next = 0;
  const client = async () => {
    while (next < prompts.length) await send(prompts[next++] as string);
  };
  await Promise.all(Array.from({ length: Number(a) }, client));
} else {
  const rate = Math.min(2000, Number(a));
  const total = Math.round(rate * Math.min(300, Number(b)));
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(prompts[i % prompts.length] as string));
  }
  await Promise.all(inflight);
}
const seconds = (performance.now() - t0) / 1000;
const pct = (xs: number[], p: number) =>
  xs.length ? Math.round(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]! * 10) / 10 : null;
const q = (p: number) => pct(latencies, p);
latencies.sort((x, y) => x - y);
console.log(
  JSON.stringify({
    requests: latencies.length + errors,
    errors,
    seconds: Math.round(seconds * 100) / 100,
    rps: Math.round((latencies.length / seconds) * 10) / 10,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    max: q(1),
    byLength: Object.fromEntries(
      ['<200', '200-1000', '>1000'].map((b) => {
        const xs = (byLength.get(b) ?? []).sort((x, y) => x - y);
        return [b, { requests: xs.length, p50: pct(xs, 0.5), p99: pct(xs, 0.99), max: pct(xs, 1) }];
      }),
    ),
  }),
);
