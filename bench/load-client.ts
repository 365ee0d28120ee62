/**
 * A closed-loop HTTP load generator run as its own process (so it does not share the server's
 * event loop): N concurrent clients POST /v1/classify for a fixed duration against a loopback URL.
 * Prints {requests, errors, seconds, rps, p50, p99} as JSON.
 */
import { shortPrompt } from './prompts.js';

const [url, concurrency, seconds] = [process.argv[2] as string, Number(process.argv[3]), Number(process.argv[4])];
if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error('load client only targets loopback');
const latencies: number[] = [];
let errors = 0;
let i = 0;
const deadline = performance.now() + seconds * 1000;
async function client(): Promise<void> {
  while (performance.now() < deadline) {
    const t = performance.now();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: shortPrompt(i++) }),
      });
      await res.arrayBuffer();
      if (!res.ok) errors++;
      else latencies.push(performance.now() - t);
    } catch {
      errors++;
    }
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, client));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null;
console.log(
  JSON.stringify({
    requests: latencies.length,
    errors,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: q(0.5),
    p99: q(0.99),
  }),
);
