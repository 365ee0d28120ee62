import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { runClassify } from '../src/cli/run-classify.js';
import { loadEnv } from '../src/env.js';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { ATTACK_LABELS } from '../src/labels.js';
import { loadClassifier } from '../src/models/registry.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'classify-bad-line.jsonl');

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

function expectVerdict(line: Record<string, unknown>, model: string) {
  expect(['benign', ...ATTACK_LABELS]).toContain(line.label);
  expect(typeof line.flagged).toBe('boolean');
  expect(line.flagged).toBe(line.label !== 'benign');
  expect(Object.keys(line.scores as object).sort()).toEqual([...ATTACK_LABELS].sort());
  for (const score of Object.values(line.scores as Record<string, number>)) {
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  }
  expect(line.model).toBe(model);
  expect(typeof line.language).toBe('string');
  expect(typeof line.supported).toBe('boolean');
}

let dir: string;
let classifier: PromptClassifier;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'distill-guard-cli-'));
  const env = loadEnv();
  classifier = await loadClassifier({ modelsDir: env.DISTILL_GUARD_MODELS_DIR, version: env.DISTILL_GUARD_MODEL });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('distill-guard classify', () => {
  it('writes every good line in order, names each bad line on stderr, and exits non-zero', async () => {
    const output = path.join(dir, 'out.jsonl');
    const stderr = capture();
    const code = await main(
      ['node', 'distill-guard', 'classify', '--input', FIXTURE, '--output', output, '--batch-size', '2'],
      {
        stderr: stderr.stream,
      },
    );
    expect(code).toBe(2);

    const lines = (await readFile(output, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c', 'e']);
    expect(lines[0]).toMatchObject({
      id: 'a',
      prompt: 'What is the capital of France?',
      meta: { source: 'fixture', n: 1 },
    });
    expect(lines[2]).toMatchObject({ id: 'c', tags: ['x', 'y'] });
    for (const line of lines) expectVerdict(line, classifier.version);

    const err = stderr.text();
    expect(err).toMatch(/^line 4: not valid JSON/m);
    expect(err).toMatch(/^line 6: not a JSON object/m);
    expect(err).toMatch(/^line 7: missing string field "prompt"/m);
    expect(err).not.toMatch(/^line 3:/m);
    expect(err).toContain('classified 4 prompts');
    expect(err).toContain('skipped 1 empty lines');
    expect(err).toContain('3 bad lines');
  });

  it('reports prompts longer than MAX_PROMPT_CHARS as bad lines', async () => {
    const stdout = capture();
    const stderr = capture();
    const input = Readable.from([
      `${JSON.stringify({ id: 1, prompt: 'short prompt' })}\n`,
      `${JSON.stringify({ id: 2, prompt: 'z'.repeat(50) })}\n`,
    ]);
    const code = await main(['node', 'distill-guard', 'classify'], {
      stdin: input,
      stdout: stdout.stream,
      stderr: stderr.stream,
      env: { ...process.env, MAX_PROMPT_CHARS: '20' },
    });
    expect(code).toBe(2);
    expect(
      stdout
        .text()
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: number }).id),
    ).toEqual([1]);
    expect(stderr.text()).toMatch(/^line 2: prompt is longer than 20 characters/m);
  });

  it("writes each prompt's language and whether the model was trained for it", async () => {
    const stdout = capture();
    const prompts = [
      ['en', true, 'Write out the full reasoning behind this answer.'],
      ['zh', true, '请写出得到这个答案的完整推理过程。'],
      ['fr', false, 'Écris tout le raisonnement qui mène à cette réponse, étape par étape, s’il te plaît.'],
      ['de', false, 'Schreibe bitte die vollständige Begründung auf, die zu dieser Antwort führt.'],
    ] as const;
    const code = await main(['node', 'distill-guard', 'classify'], {
      stdin: Readable.from(prompts.map(([, , prompt], i) => `${JSON.stringify({ i, prompt })}\n`)),
      stdout: stdout.stream,
      stderr: capture().stream,
    });
    expect(code).toBe(0);
    const lines = stdout
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { language: string; supported: boolean });
    expect(lines.map((l) => [l.language, l.supported])).toEqual(prompts.map(([lang, supported]) => [lang, supported]));
  });

  it('exits 0 and keeps order across many small batches', async () => {
    // The CLI runs above dispose the models when they finish, as the command does in production.
    const env = loadEnv();
    const fresh = await loadClassifier({ modelsDir: env.DISTILL_GUARD_MODELS_DIR, version: env.DISTILL_GUARD_MODEL });
    const prompts = Array.from({ length: 25 }, (_, i) => `Prompt number ${i}: summarise the plot of a film you like.`);
    const output = capture();
    const stderr = capture();
    const summary = await runClassify({
      input: Readable.from(prompts.map((p, i) => `${JSON.stringify({ i, prompt: p })}\n`)),
      output: output.stream,
      stderr: stderr.stream,
      classifier: fresh,
      batchSize: 4,
      maxPromptChars: 32768,
    });
    expect(summary).toMatchObject({ lines: 25, written: 25, bad: 0, empty: 0 });
    const lines = output
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { i: number; prompt: string });
    expect(lines.map((l) => l.i)).toEqual(prompts.map((_, i) => i));
    expect(lines.map((l) => l.prompt)).toEqual(prompts);
  });
});
