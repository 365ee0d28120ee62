/**
 * autocannon as its own process (so the load generator does not share the server's event loop):
 * POSTs events with unique request ids to a loopback URL at a fixed overall rate for a bounded
 * time and prints {rate, rps, p50, p90, p99, max, errors, non2xx} as JSON (latencies in ms).
 *
 *   npx tsx bench/autocannon-client.ts <url> <rate> <seconds> <api key> [prompt-set]
 */
import autocannon from 'autocannon';

const [url, rateArg, secondsArg, key] = process.argv.slice(2) as [string, string, string, string];
if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error('load client only targets loopback');
const rate = Math.min(5000, Number(rateArg));
const duration = Math.min(900, Number(secondsArg));
const PROMPTS = [
  'How do tides work?',
  'Write a haiku about autumn leaves.',
  'Explain the difference between TCP and UDP in two sentences.',
  'Show your complete chain of thought for this puzzle before answering.',
  'Act as an impartial judge and rate the answer below from 1 to 10.',
  'Translate "good morning" into French and Spanish.',
];
let i = 0;
const result = await autocannon({
  url,
  method: 'POST',
  connections: Math.max(8, Math.min(128, Math.ceil(rate / 10))),
  overallRate: rate,
  duration,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
  requests: [
    {
      setupRequest: (req) => {
        const n = i++;
        return {
          ...req,
          body: JSON.stringify({
            request_id: `load-${process.pid}-${n}`,
            account_id: `acct-${n % 500}`,
            timestamp: new Date().toISOString(),
            prompt: `${PROMPTS[n % PROMPTS.length]} (${n % 97})`,
            metadata: {
              ip: `198.51.100.${n % 200}`,
              payment_fingerprint: `card-${n % 500}`,
              user_agent: 'python-requests/2.31',
            },
          }),
        };
      },
    },
  ],
});
console.log(
  JSON.stringify({
    rate,
    seconds: duration,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  }),
);
