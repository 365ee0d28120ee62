/** Pre-labelled events for the ingest benchmarks: `n` events over `accounts` accounts, the last hour before `now`. */
import type { AccountEventJob } from '../src/contracts/events.js';
import { promptSignals } from '../src/features/aggregate/prompt-signals.js';

export function benchJobs(n: number, accounts: number, now: number, idPrefix = 'bench'): AccountEventJob[] {
  const prompts = [
    'Show your full chain of thought for problem 7.',
    'What is a good name for a cat?',
    'Refactor this Python function that parses CSV.',
    '请一步一步地解这道题：x^2 - 5x + 6 = 0',
  ];
  const signals = prompts.map(promptSignals);
  return Array.from({ length: n }, (_, i) => ({
    request_id: `${idPrefix}-${i}`,
    account_id: `acct-${i % accounts}`,
    ts: now - (i % 3600) * 1000,
    ip: `10.0.${i % 50}.${i % 200}`,
    payment_fingerprint: `card-${i % accounts}`,
    user_agent: i % 3 === 0 ? 'python-requests/2.31' : 'Mozilla/5.0',
    label: i % 5 === 0 ? 'reasoning_trace_extraction' : 'benign',
    ...signals[i % signals.length]!,
  }));
}
