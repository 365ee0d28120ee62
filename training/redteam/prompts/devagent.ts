/**
 * Legitimate coding-agent sessions: a developer's CLI agent loops through read/grep/edit/test steps on one
 * repository; every request repeats the agent's fixed preamble and the recent history.
 */
import type { Datasets } from '../lib/datasets.js';
import type { Rng } from '../lib/rng.js';
import { ISSUES } from './agentic.js';
import { truncate } from './text.js';

const PREAMBLES = [
  'You are an interactive CLI coding assistant. You help the user with software engineering tasks in their repository. Use the available tools (read_file, grep, edit_file, run, git_diff) to inspect and change code. Keep answers short. Never invent file contents.',
  'You are a pair-programming agent inside the user IDE. Before editing, read the relevant files. After editing, run the tests. Reply with a tool call or, when done, a short summary.',
  'System: autonomous dev agent. Tools: shell, file_read, file_write, search. Follow the repository conventions. Ask before destructive commands.',
];

export interface DevSession {
  preamble: string;
  repo: string;
  branch: string;
  task: string;
  history: string[];
}

const USER_TASKS = [
  'Add input validation to the signup handler and write tests.',
  'Why is the nightly build failing? Fix it.',
  'Refactor the payment client to use async/await.',
  'Bump the logging library and fix the deprecation warnings.',
  'Add pagination to the /v1/orders endpoint.',
  'Write a migration that adds an index on events(user_id, ts).',
  'The flaky test test_retry_backoff fails 1 in 10 runs. Investigate.',
];

export function newDevSession(rng: Rng, repo: string, preambleIdx: number): DevSession {
  return {
    preamble: PREAMBLES[preambleIdx % PREAMBLES.length] ?? PREAMBLES[0]!,
    repo,
    branch: rng.pick(['main', `fix/${rng.base36(5)}`, `feat/${rng.pick(['pagination', 'retry', 'auth', 'export'])}`]),
    task: rng.chance(0.5) ? rng.pick(USER_TASKS) : `Fix: ${rng.pick(ISSUES)}`,
    history: [],
  };
}

function observation(rng: Rng, data: Datasets): string {
  const h = rng.pick(data.humanEval);
  const file = `${rng.pick(['src', 'lib', 'app', 'pkg'])}/${h.entry}.${rng.pick(['py', 'ts', 'go'])}`;
  return rng.weighted([
    [`Tool result (read_file ${file}):\n${truncate(h.prompt + h.solution, 1400)}`, 4],
    [
      `Tool result (grep "${h.entry}"): ${Array.from({ length: rng.int(1, 4) }, () => `${file}:${rng.int(3, 300)}`).join(', ')}`,
      2,
    ],
    [`Tool result (run tests): ${rng.int(0, 3)} failed, ${rng.int(40, 400)} passed in ${rng.int(2, 90)}s`, 3],
    [
      `Tool result (git_diff): ${rng.int(1, 6)} files changed, ${rng.int(3, 120)} insertions(+), ${rng.int(0, 60)} deletions(-)`,
      1,
    ],
    [
      `User: ${rng.pick(['looks good, continue', 'no, keep the old function name', 'also update the README', 'run the linter too', 'stop, use the existing helper instead'])}`,
      1.5,
    ],
  ] as const);
}

export function devStepPrompt(rng: Rng, data: Datasets, s: DevSession): string {
  const obs = observation(rng, data);
  const prompt = `${s.preamble}\n\nRepository: ${s.repo} (branch ${s.branch})\nUser: ${s.task}\n\n${s.history.slice(-2).join('\n\n')}${s.history.length ? '\n\n' : ''}${obs}`;
  s.history.push(truncate(obs, 400));
  return prompt;
}
