/**
 * HTTP load generator for POST /v1/classify on a prompt list, run as its own process (so it does
 * not share the server's event loop). Loopback only; one prompt per request.
 *
 *   closed <url> <prompts.json> <clients>          every prompt once, `clients` requests in flight
 *   open   <url> <prompts.json> <rate> <seconds>   a fixed arrival rate (cycling the list), whatever the answers' pace
 *
 * Prints {requests, errors, seconds, rps, p50, p90, p99, max} as JSON (latencies in ms).
 */
import { readFileSync } from 'node:fs';

const [mode, url, file, a, b] = process.argv.slice(2) as [string, string, string, string, string?];
if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error('prompt client only targets loopback');
const prompts = JSON.parse(readFileSync(file, 'utf8')) as string[];
const latencies: number[] = [];
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
    if (res.ok) latencies.push(performance.now() - start);
    else errors++;
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
latencies.sort((x, y) => x - y);
const q = (p: number) =>
  latencies.length
    ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 10) / 10
    : null;
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
  }),
);
