/**
 * An open-loop HTTP load generator run as its own process: sends POST requests to a loopback
 * URL at a fixed rate for a fixed time (bodies from a generator module chosen by name) and
 * prints {sent, ok, errors, p50, p90, p99, max} as JSON. Bounded: at most 1,000 req/s, 120 s.
 */
const [url, rateArg, secondsArg, kind] = process.argv.slice(2) as [string, string, string, string];
if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error('rate client only targets loopback');
const rate = Math.min(1000, Number(rateArg));
const seconds = Math.min(120, Number(secondsArg));

function body(i: number): string {
  if (kind === 'events') {
    return JSON.stringify({
      request_id: `lat-${process.pid}-${i}`,
      account_id: `acct-${i % 200}`,
      timestamp: new Date().toISOString(),
      prompt: `Explain how tides work, variant ${i % 17}.`,
      metadata: { ip: '198.51.100.4', payment_fingerprint: 'card-1', user_agent: 'Mozilla/5.0' },
    });
  }
  return JSON.stringify({ input: `Explain how tides work, variant ${i % 17}.` });
}

const latencies: number[] = [];
let errors = 0;
const total = Math.round(rate * seconds);
const warmup = Math.min(rate, Math.floor(total / 5));
const t0 = performance.now();
const inflight: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const wait = t0 + (i * 1000) / rate - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  inflight.push(
    (async () => {
      const start = performance.now();
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(i),
        });
        await res.arrayBuffer();
        if (!res.ok) errors++;
        else if (i >= warmup) latencies.push(performance.now() - start);
      } catch {
        errors++;
      }
    })(),
  );
}
await Promise.all(inflight);
latencies.sort((a, b) => a - b);
const q = (p: number) =>
  Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 1000) / 1000;
console.log(
  JSON.stringify({
    sent: total,
    measured: latencies.length,
    errors,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    max: q(1),
  }),
);
