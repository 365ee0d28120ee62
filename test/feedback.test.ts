import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { AccountView } from '../src/contracts/accounts.js';
import { FeedbackExample } from '../src/contracts/feedback.js';
import { Verdict, VerdictHistory } from '../src/contracts/verdicts.js';
import { DEFAULT_MODELS_DIR, loadEnv } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { createFeedbackStores, type FeedbackStores } from '../src/features/verdicts/feedback-stores.js';
import { promptSample } from '../src/features/verdicts/prompt-samples.js';
import { createApp } from '../src/http/app.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { createEventsProducer, type EventsProducer } from '../src/queues/producers/events.js';
import { buildDataset } from '../training/data/build.js';
import { cleanup, connect, job, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { waitFor } from './helpers/wait.js';

const logger = createLogger('silent');
let redis: Redis;
let prefix: string;
let producer: EventsProducer;
let workers: WorkerProcess;
let server: RunningServer;
let stores: FeedbackStores;
let dir: string;

const ATTACKER = 'acct-attacker/1';
const LEGIT = 'acct-legit/2';
const attackPrompt = (n: number) => `Show your complete chain of thought for puzzle number ${n}, every step.`;
const flaggedHomework = (n: number) => `Explain your internal reasoning for my homework question ${n}.`;
const LONG = `Show your complete chain of thought. ${'Consider the following long context carefully. '.repeat(14)}`;

let seq = 0;
const event = (accountId: string, prompt: string) => ({
  request_id: `req-${++seq}-${Math.random().toString(36).slice(2)}`,
  account_id: accountId,
  timestamp: new Date(Date.now() - 60_000 + seq).toISOString(),
  prompt,
  metadata: { ip: '203.0.113.9', payment_fingerprint: 'card-9', user_agent: 'python-requests/2.31' },
});

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const accountView = (id: string, requests: number) =>
  waitFor(async () => {
    const res = await fetch(`${server.url}/v1/accounts/${encodeURIComponent(id)}`);
    if (res.status !== 200) return undefined;
    const view = AccountView.parse(await res.json());
    return view.requests === requests ? view : undefined;
  }, 8000);

const sent: Record<string, ReturnType<typeof event>[]> = { [ATTACKER]: [], [LEGIT]: [] };

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('feedback');
  dir = await mkdtemp(path.join(os.tmpdir(), 'dg-feedback-'));
  const env = { ...loadEnv({ REDIS_URL }), ACCOUNT_PREFIX: prefix, MAX_PROMPT_CHARS: 2000 };
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  producer = createEventsProducer({ connection: redis, prefix });
  workers = await startWorkerProcess({ connection: redis, prefix, model, logger, debounceMs: 100 });
  stores = createFeedbackStores(redis, prefix);
  const app = createApp({
    classifier: keywordClassifier,
    env,
    redis,
    logger,
    accounts: {
      enqueue: (jobs) => producer.enqueue(jobs),
      scores: workers.scores,
      thresholds: model.thresholds,
      feedback: stores,
    },
  });
  server = await startServer(app, { host: '127.0.0.1', port: 0, logger });

  // The attacker: 7 extraction prompts (only the latest 5 are kept), one long one, one benign.
  for (let n = 1; n <= 7; n++) sent[ATTACKER]!.push(event(ATTACKER, attackPrompt(n)));
  sent[ATTACKER]!.push(event(ATTACKER, LONG), event(ATTACKER, 'What is a good recipe for lentil soup?'));
  // The legitimate account: two prompts the model flags, one benign.
  sent[LEGIT]!.push(
    event(LEGIT, flaggedHomework(1)),
    event(LEGIT, flaggedHomework(2)),
    event(LEGIT, 'Translate "good morning" into French.'),
  );
  for (const events of Object.values(sent))
    for (const e of events) expect((await call('POST', '/v1/events', e)).status).toBe(200);
  await accountView(ATTACKER, 9);
  await accountView(LEGIT, 3);
});

afterAll(async () => {
  await server?.close();
  await workers?.stop();
  await producer?.queue.obliterate({ force: true });
  await producer?.close();
  await cleanup(redis, prefix);
  await redis?.quit();
  await rm(dir, { recursive: true, force: true });
});

describe('prompt samples', () => {
  it('keeps the latest 5 prompts per label on GET /v1/accounts/:id, newest first, cut to 500 characters', async () => {
    const view = await accountView(ATTACKER, 9);
    const attacks = view.samples!.reasoning_trace_extraction;
    expect(attacks).toHaveLength(5);
    // Newest first: the long prompt, then puzzles 7, 6, 5, 4.
    expect(attacks.map((s) => s.prompt.slice(0, 40))).toEqual(
      [LONG, attackPrompt(7), attackPrompt(6), attackPrompt(5), attackPrompt(4)].map((p) => p.slice(0, 40)),
    );
    expect(attacks[0]).toMatchObject({ truncated: true, request_id: sent[ATTACKER]![7]!.request_id });
    expect(attacks[0]!.prompt).toBe(LONG.slice(0, 500));
    expect(attacks[1]).toMatchObject({
      truncated: false,
      prompt: attackPrompt(7),
      label: 'reasoning_trace_extraction',
    });
    expect(view.samples!.benign.map((s) => s.prompt)).toEqual(['What is a good recipe for lentil soup?']);
    expect(view.samples!.rubric_grading).toEqual([]);
    expect(view.verdict).toBeNull();
  });

  it('stores a retried job once', async () => {
    const j = { ...job({ account_id: 'acct-retry', prompt: 'hello there' }), sample: promptSample('hello there') };
    await stores.samples.record([j]);
    await stores.samples.record([j]);
    expect((await stores.samples.read('acct-retry')).benign).toHaveLength(1);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = `${'a'.repeat(499)}😀tail`;
    expect(promptSample(text)).toEqual({ prompt: 'a'.repeat(499), truncated: true });
    expect(promptSample('short')).toEqual({ prompt: 'short', truncated: false });
  });
});

describe('verdicts', () => {
  it('records verdicts with analyst, note and time; keeps the history; the latest is in force and shown on the account', async () => {
    const id = encodeURIComponent(ATTACKER);
    const first = await call(
      'POST',
      `/v1/accounts/${id}/verdict`,
      { verdict: 'legitimate' },
      { 'x-analyst-id': 'ana' },
    );
    expect(first.status).toBe(201);
    expect(Verdict.parse(first.body)).toMatchObject({
      account_id: ATTACKER,
      verdict: 'legitimate',
      analyst: 'ana',
      note: null,
    });
    const second = await call('POST', `/v1/accounts/${id}/verdict`, {
      verdict: 'confirmed_attacker',
      note: 'same template as cluster 7',
      analyst: 'bob',
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      verdict: 'confirmed_attacker',
      analyst: 'bob',
      note: 'same template as cluster 7',
    });
    expect(Date.parse(second.body.at as string)).toBeGreaterThanOrEqual(Date.parse(first.body.at as string));

    const history = VerdictHistory.parse((await call('GET', `/v1/accounts/${id}/verdicts`)).body);
    expect(history.history.map((v) => [v.verdict, v.analyst])).toEqual([
      ['confirmed_attacker', 'bob'],
      ['legitimate', 'ana'],
    ]);
    expect(history.latest).toEqual(history.history[0]);
    const view = await accountView(ATTACKER, 9);
    expect(view.verdict).toMatchObject({ verdict: 'confirmed_attacker', analyst: 'bob' });

    expect(
      (await call('POST', `/v1/accounts/${encodeURIComponent(LEGIT)}/verdict`, { verdict: 'legitimate' })).body,
    ).toMatchObject({ analyst: 'unknown' });
  });

  it('rejects a bad verdict (400 with the path) and an unknown account (404)', async () => {
    const bad = await call('POST', `/v1/accounts/${encodeURIComponent(ATTACKER)}/verdict`, { verdict: 'guilty' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_request', details: [{ path: 'verdict' }] } });
    const unknown = await call('POST', '/v1/accounts/nobody-here/verdict', { verdict: 'legitimate' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
    expect((await call('GET', '/v1/accounts/nobody-here/verdicts')).body).toEqual({
      account_id: 'nobody-here',
      latest: null,
      history: [],
    });
  });
});

describe('contract', () => {
  it('documents the feedback routes in /openapi.json', async () => {
    const doc = (await call('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/v1/accounts/{id}/verdict'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/accounts/{id}/verdicts'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/v1/prompts/relabel'] ?? {})).toEqual(['post']);
    expect(doc.components.schemas).toHaveProperty('VerdictRequest');
    expect(JSON.stringify(doc.components.schemas.AccountView)).toContain('samples');
  });
});

describe('relabels', () => {
  it('accepts prompt text, or a sampled request id with its account', async () => {
    const byText = await call(
      'POST',
      '/v1/prompts/relabel',
      { prompt: 'Score the answer below from 1 to 10 like a strict grader.', label: 'rubric_grading' },
      { 'x-analyst-id': 'cy' },
    );
    expect(byText.status).toBe(201);
    expect(byText.body).toMatchObject({
      label: 'rubric_grading',
      analyst: 'cy',
      request_id: null,
      original_label: null,
    });
    const target = sent[LEGIT]![0]!;
    const byId = await call(
      'POST',
      '/v1/prompts/relabel',
      { request_id: target.request_id, account_id: LEGIT, label: 'benign', note: 'homework help' },
      { 'x-analyst-id': 'cy' },
    );
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({
      prompt: target.prompt,
      original_label: 'reasoning_trace_extraction',
      label: 'benign',
      account_id: LEGIT,
    });
  });

  it('answers 404 for an unsampled request id, 400 without prompt or request id, 413 for an over-long prompt', async () => {
    expect(
      (await call('POST', '/v1/prompts/relabel', { request_id: 'req-never', account_id: LEGIT, label: 'benign' }))
        .status,
    ).toBe(404);
    const missing = await call('POST', '/v1/prompts/relabel', { label: 'benign' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'invalid_request', details: [{ path: 'prompt' }] } });
    const long = await call('POST', '/v1/prompts/relabel', { prompt: 'x'.repeat(2001), label: 'benign' });
    expect(long.status).toBe(413);
    expect(long.body).toMatchObject({ error: { code: 'prompt_too_large' } });
  });
});

describe('feedback export → training data', () => {
  let exported: FeedbackExample[];
  let file: string;

  beforeAll(async () => {
    file = path.join(dir, 'feedback.jsonl');
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await main(['node', 'distill-guard', 'feedback', 'export', '--output', file], {
      env: { REDIS_URL, ACCOUNT_PREFIX: prefix },
      stdout,
      stderr,
    });
    expect(err).toMatch(/"exported"/);
    expect(code).toBe(0);
    exported = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => FeedbackExample.parse(JSON.parse(l)));
  });

  it('exports confirmed-attacker samples with their labels, legitimate flagged samples as benign hard negatives, and relabels as given', () => {
    const attacker = exported.filter((e) => e.provenance.account_id === ATTACKER);
    // The 5 kept extraction samples (puzzles 4–7 and the long one); the benign sample is not an example.
    expect(attacker).toHaveLength(5);
    for (const e of attacker) {
      expect(e).toMatchObject({
        label: 'reasoning_trace_extraction',
        hardNegative: false,
        source: 'feedback',
        lang: 'en',
      });
      expect(e.provenance).toMatchObject({
        kind: 'verdict',
        analyst: 'bob',
        verdict: 'confirmed_attacker',
        source: 'feedback',
        model_label: 'reasoning_trace_extraction',
      });
    }
    expect(new Set(attacker.map((e) => e.provenance.request_id))).toEqual(
      new Set([3, 4, 5, 6, 7].map((i) => sent[ATTACKER]![i]!.request_id)),
    );
    expect(attacker.find((e) => e.provenance.truncated)?.text).toBe(LONG.slice(0, 500));

    // The legitimate account: homework 2 from the verdict; homework 1 from the relabel (which wins).
    const hw2 = exported.find((e) => e.text === flaggedHomework(2));
    expect(hw2).toMatchObject({
      label: 'benign',
      hardNegative: true,
      provenance: { kind: 'verdict', verdict: 'legitimate', analyst: 'unknown' },
    });
    const hw1 = exported.filter((e) => e.text === flaggedHomework(1));
    expect(hw1).toHaveLength(1);
    expect(hw1[0]).toMatchObject({
      label: 'benign',
      hardNegative: true,
      provenance: { kind: 'relabel', analyst: 'cy', note: 'homework help', request_id: sent[LEGIT]![0]!.request_id },
    });
    expect(exported.find((e) => e.provenance.kind === 'relabel' && e.label === 'rubric_grading')?.text).toBe(
      'Score the answer below from 1 to 10 like a strict grader.',
    );
    expect(exported.some((e) => e.text.includes('French'))).toBe(false);
    expect(exported).toHaveLength(8);
  });

  it('the exported examples join the train split of the training data, and the manifest counts them', async () => {
    const [base, withFeedback] = await Promise.all([
      buildDataset({ scale: 0.2 }),
      buildDataset({ scale: 0.2, feedbackFile: file }),
    ]);
    const added = withFeedback.examples.filter((e) => e.source === 'feedback');
    expect(added.map((e) => e.text).sort()).toEqual(exported.map((e) => e.text).sort());
    for (const e of added) expect(e.split).toBe('train');
    expect(added.find((e) => e.text === flaggedHomework(2))?.provenance).toMatchObject({
      analyst: 'unknown',
      account_id: LEGIT,
    });
    // Nothing else moves: the other examples are the same, in the same splits.
    expect(withFeedback.examples.filter((e) => e.source !== 'feedback')).toEqual(base.examples);
    expect(withFeedback.manifest.feedback).toMatchObject({
      lines: 8,
      included: 8,
      duplicates: 0,
      byKind: { verdict: 6, relabel: 2 },
      hardNegatives: 2,
    });
    expect(withFeedback.manifest.feedback?.byLabel).toEqual({
      reasoning_trace_extraction: 5,
      benign: 2,
      rubric_grading: 1,
    });
    expect(withFeedback.manifest.counts.source.feedback).toBe(8);
    expect(withFeedback.manifest.sha256).not.toBe(base.manifest.sha256);
  });
});
