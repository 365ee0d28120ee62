import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import { TOOLS, argValue, renderTools, toolTask } from '../../prompts/tools-catalog.js';
import {
  DAY,
  HOUR,
  MIN,
  SEC,
  campaignModeTimes,
  clamp,
  identFor,
  pickByQuota,
  pickKey,
  proxyIps,
  resolveStrategy,
  round,
  truncate,
  type Quota,
} from './lib/common.js';

/**
 * Agentic-trajectory harvest by best-of-n rollout sampling. The campaign keeps a queue of agent tasks (data
 * analysis in a Python sandbox over real benchmark questions, repository bug fixes, browser/computer-use goals,
 * multi-tool function calling) and runs every task k times in parallel so it can keep the best trajectories
 * (rejection sampling for agent SFT / RL). Each rollout is a multi-turn episode on one sandbox worker: every step
 * re-sends the agent header (system prompt, tools, task) plus the growing transcript - the model's earlier actions
 * fed back and observations fabricated by the campaign's simulated environment - and asks for the next action,
 * optionally with a written "Thought". The k rollouts of a task leave within seconds of each other with the same
 * header, either spread over k worker accounts or packed on one; a careful operator breaks exact duplicates with
 * a per-rollout run id or by reshuffling tools and system-prompt wording. Some tasks end with an outcome check
 * ("did the agent succeed?"). Workers also send unrelated real coding/data prompts.
 */

type Kind = 'data_analysis' | 'swe_fix' | 'web_nav' | 'tool_chain';
const KINDS: Kind[] = ['data_analysis', 'swe_fix', 'web_nav', 'tool_chain'];
type Evasion = 'none' | 'run_id' | 'reshuffle';

const SANDBOX_UA = [
  'agent-sandbox/0.9.{v} (firecracker; linux x86_64)',
  'rollout-worker/{v}.2 python-httpx/0.27.0',
  'openhands-runtime/0.{v}.1 litellm/1.55.0',
  'swe-runner/1.{v} aiohttp/3.10.10',
  'browser-env/2.{v}.0 playwright/1.48 node/20',
];

const REPOS = [
  'pyledger/ledger-core',
  'hexmap/tiles',
  'quillpad/editor',
  'routekit/router',
  'cargohub/inventory',
  'statlab/metrics',
  'mailforge/smtp-relay',
  'brightcart/checkout',
];

const DA_SYS = [
  'You are a data analysis agent. You have a Python 3.11 Jupyter kernel with pandas, numpy, scipy and scikit-learn. Call the tool `python` with code; you will see stdout and the last expression. When you are confident, call `final_answer` with the answer in the required format.',
  'You are an autonomous analyst working in a sandboxed notebook. Available tools: python(code: str) -> output, final_answer(text: str). Inspect the data before computing anything, and never guess values you have not computed.',
  'Role: senior data scientist agent. Environment: isolated container, CSV files under /mnt/data. Tools: `execute_python` (runs a cell, returns output) and `submit` (ends the episode). Work step by step.',
];
const SWE_SYS = [
  'You are a software engineering agent operating in a Linux container with the repository checked out at /workspace. Tools: bash(cmd), read_file(path), edit_file(path, old, new), run_tests(selector), submit(). Make the smallest change that fixes the issue and keeps all tests green.',
  'You are an expert programmer agent. You can run shell commands and edit files in the repository. Respond with exactly one tool call per turn, as JSON {"tool": ..., "args": {...}}. Finish with {"tool": "submit"}.',
  'Autonomous coding agent. Repository mounted at /repo. Available actions: open(path), search(pattern), edit(path, start, end, text), test(path), finish(). Resolve the GitHub issue below.',
];
const WEB_SYS = [
  'You are a browser agent. At each step you receive the accessibility tree of the current page and must output one action as JSON: {"action": "click"|"type"|"scroll"|"navigate"|"done", "target": <element id>, "text"?: string}.',
  'You control a web browser to complete the user goal. Observation: simplified DOM with numbered elements. Reply with one action per turn: CLICK [id], TYPE [id] "text", SCROLL up|down, GOTO url, or STOP [answer].',
];
const TOOL_SYS = [
  'You are an assistant that completes tasks by calling functions. Call one function at a time, read its result, then decide the next call or answer the user.',
  'You are a tool-using agent. Plan, call the tools you need (one per turn, JSON), and give the user a final answer when you have all the information.',
];
const REACT_TAIL = [
  'Respond in the format:\nThought: <your reasoning about what to do next>\nAction: <the tool call>',
  'First write your reasoning after "Thought:", then exactly one action after "Action:".',
  'Think step by step about the current state before acting. Output "Thought: ..." followed by "Action: ...".',
];
const PLAIN_TAIL = ['Next action:', 'What is your next action?', 'Output the next action only.', 'Continue.'];

const APPS = [
  {
    name: 'ShopFast',
    goals: [
      'Add the cheapest USB-C cable with at least 4 stars to the cart',
      'Find the return policy for opened electronics',
    ],
  },
  {
    name: 'Mailbox',
    goals: ['Forward the latest invoice from Northwind to accounts@', 'Create a filter that archives all newsletters'],
  },
  {
    name: 'CloudConsole',
    goals: [
      'Scale the web-prod deployment to 4 replicas',
      'Find which bucket is publicly readable and make it private',
    ],
  },
  {
    name: 'HR portal',
    goals: ['Submit a vacation request for the first week of May', 'Download last month payslip as PDF'],
  },
  {
    name: 'TravelDesk',
    goals: [
      'Book the earliest train to Lyon arriving before 11:00 tomorrow',
      'Change the hotel booking to a non-smoking room',
    ],
  },
  {
    name: 'Spreadsheet',
    goals: ['Sort the Sales sheet by region then revenue, descending', 'Add a column with the month-over-month growth'],
  },
];
const ELEMENTS = ['button', 'link', 'textbox', 'checkbox', 'combobox', 'menuitem', 'row', 'tab', 'heading'];
const LABELS = [
  'Search',
  'Next',
  'Apply',
  'Save',
  'Cancel',
  'Filters',
  'Sort by',
  'Account',
  'Cart',
  'Settings',
  'Submit',
  'Back',
  'Price: low to high',
  'Details',
  'Confirm',
];

interface Task {
  kind: Kind;
  /** The agent header without the per-rollout variation. */
  header: (r: Rng, evasion: Evasion, rolloutIdx: number) => string;
  /** One step of a rollout: the action the model produced and the simulated environment's reply. */
  step: (r: Rng, i: number, last: boolean) => { thought: string; action: string; obs: string };
  taskId: string;
}

function colsOf(text: string): string[] {
  const cols = [...new Set([...text.matchAll(/["'`]([A-Za-z_][\w ]{1,24})["'`]/g)].map((m) => m[1] ?? ''))];
  const fallback = ['id', 'value', 'group', 'date', 'amount'];
  return [...cols, ...fallback.filter((c) => !cols.includes(c))].slice(0, 6);
}

function table(r: Rng, cols: string[], rows: number): string {
  const head = `    ${cols.join('  ')}`;
  const body = Array.from(
    { length: rows },
    (_, i) =>
      `${i}  ${cols.map((c) => (/date/i.test(c) ? `2021-0${r.int(1, 9)}-${r.int(10, 28)}` : String(round(r.float(0, 900), r.int(0, 2))))).join('  ')}`,
  );
  return [head, ...body].join('\n');
}

/** Plausible bug: one operator flipped or one line dropped. */
function breakCode(r: Rng, code: string): string {
  const swaps: [string, string][] = [
    [' < ', ' <= '],
    [' > ', ' >= '],
    [' == ', ' != '],
    ['+ 1', '- 1'],
    ['return True', 'return False'],
    ['[1:]', '[:-1]'],
  ];
  const ok = swaps.filter(([a]) => code.includes(a));
  if (ok.length > 0) {
    const [a, b] = r.pick(ok);
    return code.replace(a, b);
  }
  const lines = code.split('\n');
  if (lines.length < 3) return code;
  const drop = r.int(1, lines.length - 2);
  return lines.filter((_, i) => i !== drop).join('\n');
}

function makeTask(r: Rng, kind: Kind, data: Parameters<FamilySpec['generate']>[0]['data'], id: string): Task {
  switch (kind) {
    case 'data_analysis': {
      const d = r.pick(data.dataAnalysis);
      const cols = colsOf(`${d.question} ${d.constraints}`);
      const sys = r.int(0, DA_SYS.length - 1);
      const path = `/mnt/data/${d.file || 'data.csv'}`;
      // The file is the same for every rollout, so its first inspection looks the same everywhere.
      const firstLook = `(${r.int(80, 20000)}, ${cols.length + r.int(0, 6)})\n${table(r, cols, 5)}`;
      return {
        kind,
        taskId: id,
        header: (rr, ev, k) =>
          `${ev === 'reshuffle' ? rr.pick(DA_SYS) : DA_SYS[sys]}${ev === 'run_id' ? `\n[episode ${id}-${k} seed=${rr.int(1000, 99999)}]` : ''}\n\nFile: ${path}\nTask: ${d.question}\nConstraints: ${d.constraints}\nRequired answer format: ${d.format}`,
        step: (rr, i, last) => {
          const col = rr.pick(cols);
          const code = last
            ? `final_answer(${JSON.stringify(d.format.replace(/\{[^}]*\}/g, () => String(round(rr.float(0, 100), 2))))})`
            : i === 0
              ? `import pandas as pd\ndf = pd.read_csv("${path}")\nprint(df.shape)\ndf.head()`
              : rr.pick([
                  `df["${col}"].describe()`,
                  `df.isna().sum()`,
                  `df = df.dropna(subset=["${col}"])\nlen(df)`,
                  `df.groupby("${rr.pick(cols)}")["${col}"].mean().sort_values(ascending=False).head()`,
                  `from scipy import stats\nstats.pearsonr(df["${col}"], df["${rr.pick(cols)}"])`,
                  `q1, q3 = df["${col}"].quantile([0.25, 0.75])\niqr = q3 - q1\n((df["${col}"] < q1 - 1.5 * iqr) | (df["${col}"] > q3 + 1.5 * iqr)).sum()`,
                ]);
          const obs = last
            ? 'Episode finished.'
            : i === 0
              ? firstLook
              : rr.weighted([
                  [table(rr, cols.slice(0, 3), rr.int(3, 6)), 3],
                  [String(round(rr.float(0, 5000), 4)), 2],
                  [`PearsonRResult(statistic=${round(rr.float(-1, 1), 4)}, pvalue=${round(rr.float(0, 0.2), 5)})`, 1],
                  [`KeyError: '${rr.pick(cols)}'`, 0.6],
                ] as const);
          return {
            thought: last
              ? 'I have computed the required values and can submit them in the requested format.'
              : `I need to ${rr.pick(['inspect the column', 'check for missing values in', 'compute the statistic for', 'verify the distribution of'])} ${col} before answering.`,
            action: `python\n\`\`\`python\n${code}\n\`\`\``,
            obs,
          };
        },
      };
    }
    case 'swe_fix': {
      const h = r.pick(data.humanEval);
      const repo = r.pick(REPOS);
      const file = `${r.pick(['src', 'lib', 'pkg'])}/${h.entry}.py`;
      const buggy = breakCode(r, h.solution);
      const listing = truncate(`${h.prompt}${buggy}`, 1800);
      const sys = r.int(0, SWE_SYS.length - 1);
      const issue = `${h.entry}() returns wrong results for some inputs. ${r.pick(['Reported by a user after the last release.', 'Found by the nightly property tests.', 'See failing test in CI.'])}`;
      return {
        kind,
        taskId: id,
        header: (rr, ev, k) =>
          `${ev === 'reshuffle' ? rr.pick(SWE_SYS) : SWE_SYS[sys]}${ev === 'run_id' ? `\n# trajectory ${id}.${k}` : ''}\n\nRepository: ${repo}\nIssue #${(id.charCodeAt(0) * 97 + id.length * 13) % 9000}: ${issue}`,
        step: (rr, i, last) => {
          const action = last
            ? '{"tool": "submit", "args": {}}'
            : i === 0
              ? `{"tool": "read_file", "args": {"path": "${file}"}}`
              : rr.pick([
                  `{"tool": "run_tests", "args": {"selector": "tests/test_${h.entry}.py"}}`,
                  `{"tool": "bash", "args": {"cmd": "grep -rn \\"${h.entry}\\" ${file.split('/')[0]}/ tests/"}}`,
                  `{"tool": "edit_file", "args": {"path": "${file}", "old": ${JSON.stringify(truncate(buggy.trim().split('\n')[0] ?? '', 80))}, "new": ${JSON.stringify(truncate(h.solution.trim().split('\n')[0] ?? '', 80))}}}`,
                ]);
          const obs = last
            ? 'Submitted.'
            : i === 0
              ? listing
              : rr.pick([
                  `FAILED tests/test_${h.entry}.py::test_${rr.pick(['edge', 'basic', 'random', 'empty'])} - AssertionError\n${rr.int(1, 4)} failed, ${rr.int(5, 60)} passed in ${round(rr.float(0.3, 9), 2)}s`,
                  `${file}:${rr.int(3, 40)}:def ${h.entry}(\ntests/test_${h.entry}.py:${rr.int(3, 80)}:    assert ${h.entry}(`,
                  `File edited. ${rr.int(1, 3)} line(s) changed.`,
                  `${rr.int(10, 80)} passed in ${round(rr.float(0.3, 9), 2)}s`,
                ]);
          return {
            thought: last
              ? 'The tests pass now, so I can submit the fix.'
              : `${rr.pick(['Let me look at', 'I should check', 'The failure points to'])} ${h.entry} ${rr.pick(['and its boundary conditions.', 'and run the tests again.', 'before changing anything.'])}`,
            action,
            obs,
          };
        },
      };
    }
    case 'web_nav': {
      const app = r.pick(APPS);
      const goal = r.pick(app.goals);
      const sys = r.int(0, WEB_SYS.length - 1);
      const tree = (rr: Rng) =>
        Array.from(
          { length: rr.int(6, 14) },
          (_, j) => `[${j + 1}] ${rr.pick(ELEMENTS)} "${rr.pick(LABELS)}"${rr.chance(0.2) ? ' (focused)' : ''}`,
        ).join('\n');
      return {
        kind,
        taskId: id,
        header: (rr, ev, k) =>
          `${ev === 'reshuffle' ? rr.pick(WEB_SYS) : WEB_SYS[sys]}${ev === 'run_id' ? `\nsession=${id}-${k}` : ''}\n\nGoal: ${goal}\nStart URL: https://${app.name.toLowerCase().replace(/\s+/g, '')}.example.com/`,
        step: (rr, _i, last) => ({
          thought: last
            ? 'The page confirms the goal is complete.'
            : `The ${rr.pick(LABELS)} ${rr.pick(ELEMENTS)} should get me closer to the goal.`,
          action: last
            ? '{"action": "done"}'
            : JSON.stringify(
                rr.chance(0.3)
                  ? {
                      action: 'type',
                      target: rr.int(1, 12),
                      text: rr.pick(['usb-c cable', 'May 1', 'web-prod', 'Lyon', 'invoice']),
                    }
                  : { action: rr.pick(['click', 'click', 'scroll']), target: rr.int(1, 12) },
              ),
          obs: last ? 'Task marked complete.' : `Page: ${app.name} - ${rr.pick(LABELS)}\n${tree(rr)}`,
        }),
      };
    }
    default: {
      const tools = r.sample(TOOLS, r.int(3, 6));
      const main = r.pick(tools);
      const user = toolTask(r, main);
      const fmt = r.pick(['json', 'xml', 'ts'] as const);
      const sys = r.int(0, TOOL_SYS.length - 1);
      return {
        kind,
        taskId: id,
        header: (rr, ev, k) => {
          const order = ev === 'reshuffle' ? rr.shuffle(tools) : tools;
          return `${ev === 'reshuffle' ? rr.pick(TOOL_SYS) : TOOL_SYS[sys]}${ev === 'run_id' ? `\n(request ${id}/${k})` : ''}\n\n${renderTools(rr, order, fmt)}\n\nUser: ${user}`;
        },
        step: (rr, _i, last) => {
          const t = rr.chance(0.6) ? main : rr.pick(tools);
          const args = Object.fromEntries(t.params.filter((x) => x.required).map((x) => [x.name, argValue(rr, x)]));
          return {
            thought: last
              ? 'I have everything I need to answer the user.'
              : `${rr.pick(['Next I need', 'I still need', 'To answer I need'])} ${t.name}: ${t.description.charAt(0).toLowerCase()}${t.description.slice(1)}`,
            action: last ? 'Final answer to the user.' : JSON.stringify({ name: t.name, arguments: args }),
            obs: last
              ? ''
              : rr.pick([
                  `{"status": "ok", "count": ${rr.int(0, 30)}}`,
                  `{"status": "ok", "results": [{"id": ${rr.int(1, 999)}, "score": ${round(rr.float(0, 1), 2)}}]}`,
                  '{"error": "rate_limited", "retry_after": 2}',
                  '{"error": "invalid_argument"}',
                ]),
          };
        },
      };
    }
  }
}

export const spec: FamilySpec = {
  name: 'agent_rollout_fanout',
  kind: 'attack',
  description:
    'Agentic-trajectory harvest by best-of-n rollout sampling: a queue of agent tasks (sandbox data analysis over real benchmark questions, repository bug fixes, browser/computer-use goals, multi-tool function calling) each run k times in parallel; every step of a rollout re-sends the agent header plus the growing transcript (earlier actions fed back, observations from a simulated environment) and asks for the next action, optionally with a Thought. The k rollouts of a task start within seconds with the same header, spread over worker accounts or packed on one, exact duplicates broken by a run id or reshuffled tools/wording; optional outcome checks; unrelated real coding/data prompts on the same workers.',
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const p = kit.drawCampaign(ctx, rng, 'agent_rollout_fanout', {
      accounts: [8, 120],
      requests: [30, 400],
      share: [0.45, 0.9],
      payment: ['shared', 'rotated', 'per_account', 'mixed'],
      ip: ['shared', 'rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'shared', 'rotated', 'per_account', 'mixed'],
      org: ['shared', 'rotated', 'per_account', 'none', 'mixed'],
      timing: ['lockstep', 'bursty', 'human', 'low_and_slow'],
      ipSource: ['datacenter_proxy', 'datacenter_proxy', 'residential_proxy', 'commercial_proxy'],
      camouflage: ['code_en', 'data_en', 'chat_en', 'code_zh', 'work_en'],
      accessPaths: { direct: 0.7, 'cloud-a': 0.2, 'cloud-b': 0.1 },
      signupPaths: { startup: 0.45, standard: 0.35, research_program: 0.2 },
      accountAgeDays: [2, 120],
    });

    const sr = rng.fork('style');
    const kindWeights: Partial<Record<Kind, number>> = Object.fromEntries(
      sr.sample(KINDS, sr.int(1, 3)).map((k) => [k, round(sr.float(0.5, 2), 2)]),
    );
    const k = sr.pick([2, 4, 4, 8, 8, 16]);
    const steps: [number, number] = [sr.int(3, 5), sr.int(6, 14)];
    const react = sr.chance(0.55);
    const evasion: Evasion = sr.pick(['none', 'run_id', 'run_id', 'reshuffle', 'reshuffle']);
    const placement = sr.pick(['spread', 'spread', 'packed', 'mixed'] as const);
    const historyKeep = sr.int(3, 8);
    const campaignTail = sr.pick(react ? REACT_TAIL : PLAIN_TAIL);
    const modelLatency: [number, number] = [sr.int(3, 8), sr.int(15, 45)];
    const envLatency: [number, number] = [sr.int(1, 3), sr.int(5, 40)];
    const verifyShare = sr.chance(0.5) ? round(sr.float(0.1, 0.6), 3) : 0;
    const followRelease = sr.chance(0.5);
    const releaseDelayH = round(sr.float(1, 30), 2);
    const releaseFraction = round(sr.float(0.3, 0.7), 3);

    // Worker accounts and their identifiers.
    const ir = rng.fork('ids');
    const slice = ir.sample(proxyIps(world, p.ip_source), ir.int(10, 60));
    const sharedIps = ir.sample(slice, ir.int(1, 4));
    const sharedCards = Array.from({ length: ir.int(1, 3) }, () => kit.newCard(ir));
    const cardPool = Array.from({ length: Math.max(3, Math.round(p.accounts / ir.float(2, 6))) }, () =>
      kit.newCard(ir),
    );
    const workerUa = ir.pick(SANDBOX_UA).replace('{v}', String(ir.int(1, 9)));
    const uaPool = SANDBOX_UA.map((u) => u.replace('{v}', String(ir.int(1, 9)))).concat(
      Array.from({ length: 6 }, () => kit.ua.agentUa(ir)),
    );
    const sharedOrgs = Array.from({ length: ir.int(1, 5) }, () => kit.newOrgId(ir));
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;
    const camoZh = p.camouflage.sources.some((s) => s.endsWith('_zh'));
    const batches = Array.from(
      { length: p.creation_batches },
      () => start - ir.float(p.account_age_days[0], p.account_age_days[1]) * DAY,
    );

    interface Worker extends Quota {
      acct: Account;
      ar: Rng;
      benign: number;
      ip: (r: Rng) => string;
      pf: (r: Rng) => string;
      ua: (r: Rng) => string;
    }
    const workers: Worker[] = [];
    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`worker${i}`);
      const late = ar.chance(0.2);
      const from = late ? start + ar.float(0.05, 0.6) * (end - start) : start;
      const to = ar.chance(0.15) ? Math.max(from + 18 * HOUR, end - ar.float(0.05, 0.3) * (end - start)) : end;
      const createdAt = late ? from - ar.float(0.2, 20) * HOUR : ar.pick(batches) + ar.float(0, 30) * MIN;
      const orgMode =
        p.identifiers.org === 'mixed' ? ar.pick(['none', 'shared', 'per_account'] as const) : p.identifiers.org;
      const orgId =
        orgMode === 'per_account'
          ? kit.newOrgId(ar)
          : orgMode === 'shared'
            ? sharedOrgs[0]
            : orgMode === 'rotated'
              ? ar.pick(sharedOrgs)
              : undefined;
      const acct = kit.newAccount(ar, {
        createdAt: Math.min(createdAt, from - MIN),
        signupPath: pickKey(ar, p.signup_paths),
        accessPath: pickKey(ar, p.access_paths),
        ...(orgId ? { orgId } : {}),
        campaignId: p.campaign_id,
      });
      const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
      const share = clamp(ar.normal(p.attack_share, 0.07), 0.1, 0.9);
      const quota = Math.max(1, Math.round(n * share));
      workers.push({
        acct,
        ar,
        from,
        to: Math.min(end, to),
        quota,
        used: 0,
        benign: Math.max(0, n - quota),
        ip: identFor(ar, resolveStrategy(ar, p.identifiers.ip), sharedIps, slice, () => ar.pick(slice), true),
        pf: identFor(
          ar,
          resolveStrategy(ar, p.identifiers.payment),
          sharedCards,
          cardPool,
          () => kit.newCard(ar),
          false,
        ),
        ua: identFor(
          ar,
          resolveStrategy(ar, p.identifiers.user_agent),
          [workerUa],
          uaPool,
          () => ar.pick(uaPool),
          true,
        ),
      });
    }
    const budget = workers.reduce((s, w) => s + w.quota, 0);
    const meanSteps = (steps[0] + steps[1]) / 2 + (verifyShare > 0 ? verifyShare : 0);
    const nTasks = Math.max(1, Math.ceil(budget / (k * meanSteps)));

    // Task dispatch times on the campaign's clock.
    const tr = rng.fork('queue');
    const bursts = kit.time.makeBursts(
      tr,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    );
    const taskTimes = campaignModeTimes(tr, p, nTasks, { from: start, to: end - 30 * MIN }, bursts);

    const events: DraftEvent[] = [];
    let harvest = 0;
    let rollouts = 0;
    let tasksRun = 0;
    let skipped = 0;
    let verifyCalls = 0;
    const perKind: Record<string, number> = {};
    const send = (w: Worker, t: number, prompt: string, model: string) => {
      if (t >= w.to || t >= end) return false;
      w.used++;
      harvest++;
      events.push(kit.emit(w.ar, world, w.acct, t, prompt, { ip: w.ip(w.ar), pf: w.pf(w.ar), ua: w.ua(w.ar) }, model));
      return true;
    };

    taskTimes.forEach((t0, ti) => {
      const qr = tr.fork(`task${ti}`);
      const kind = pickKey(qr, kindWeights);
      const task = makeTask(qr, kind, data, qr.hex(6));
      const nSteps = qr.int(steps[0], steps[1]);
      const pack = placement === 'packed' || (placement === 'mixed' && qr.chance(0.5));
      const hosts = pack
        ? pickByQuota(qr, workers, t0, k * (nSteps + 1), 1)
        : pickByQuota(qr, workers, t0, nSteps + 1, k);
      if (hosts.length === 0) {
        skipped++;
        return;
      }
      tasksRun++;
      perKind[kind] = (perKind[kind] ?? 0) + 1;
      const model =
        followRelease && t0 >= models.nextReleaseAt + releaseDelayH * HOUR && qr.chance(releaseFraction)
          ? models.next
          : models.current;
      for (let j = 0; j < k; j++) {
        const w = hosts[pack ? 0 : j % hosts.length]!;
        const rr = qr.fork(`r${j}`);
        rollouts++;
        const header = task.header(rr, evasion, j);
        const tail = evasion === 'reshuffle' ? rr.pick(react ? REACT_TAIL : PLAIN_TAIL) : campaignTail;
        const transcript: string[] = [];
        let t = t0 + rr.float(0, pack ? 3 : 8) * SEC;
        const len = clamp(nSteps + rr.int(-2, 1), 2, steps[1]);
        for (let i = 0; i < len; i++) {
          const shown = transcript.slice(-historyKeep * 2);
          const elided =
            transcript.length > shown.length
              ? `[... ${(transcript.length - shown.length) / 2} earlier steps omitted ...]\n\n`
              : '';
          const prompt = `${header}\n\n${elided}${shown.join('\n\n')}${shown.length ? '\n\n' : ''}${tail}`;
          if (!send(w, t, prompt, model)) break;
          const s = task.step(rr, i, i === len - 1);
          transcript.push(react ? `Thought: ${s.thought}\nAction: ${s.action}` : `Assistant: ${s.action}`);
          if (s.obs) transcript.push(`Observation: ${truncate(s.obs, 1800)}`);
          t += rr.float(modelLatency[0], modelLatency[1]) * SEC + rr.float(envLatency[0], envLatency[1]) * SEC;
        }
        if (verifyShare > 0 && rr.chance(verifyShare)) {
          const verdict = `You are checking an agent episode for a training set. Task and transcript below. Did the agent fully accomplish the task? Answer SUCCESS or FAILURE on the first line, then one sentence explaining why.\n\n${header}\n\n${transcript.slice(-historyKeep * 2).join('\n\n')}`;
          if (send(w, t + rr.float(2, 20) * SEC, verdict, model)) verifyCalls++;
        }
      }
    });

    // Unrelated real prompts on the same workers.
    let camoCount = 0;
    for (const w of workers) {
      if (w.benign <= 0) continue;
      const times = kit.time.humanTimes(
        w.ar,
        w.benign,
        { from: w.from, to: w.to },
        {
          tzHours: p.operator_tz,
          profile: 'work',
          weekendFactor: 0.6,
          sessionMean: w.ar.float(2, 6),
          gapMedianSec: 60,
        },
      );
      for (const t of times) {
        const prompt = kit.prompts.benign.chatPrompt(w.ar, data, camo, camoZh && w.ar.chance(0.5));
        const model = kit.adoptModel(w.ar, models, t, 0.4, w.ar.float(4, 72));
        events.push(
          kit.emit(w.ar, world, w.acct, t, prompt, { ip: w.ip(w.ar), pf: w.pf(w.ar), ua: w.ua(w.ar) }, model),
        );
        camoCount++;
      }
    }

    const used = new Set(events.map((e) => e.accountId));
    const kept = workers.map((w) => w.acct).filter((a) => used.has(a.id));
    return {
      params: {
        ...p,
        accounts: kept.length,
        capabilities: { agentic: 1 },
        task_kinds: kindWeights,
        rollouts_per_task: k,
        steps_per_rollout: steps,
        react_thoughts: react,
        duplicate_evasion: evasion,
        placement,
        history_kept_steps: historyKeep,
        model_latency_sec: modelLatency,
        env_latency_sec: envLatency,
        verify_share: verifyShare,
        model_policy: followRelease
          ? { follow_release: true, delay_hours: releaseDelayH, fraction_of_tasks: releaseFraction }
          : { follow_release: false },
        harvest_budget: budget,
        tasks_planned: nTasks,
        tasks_run: tasksRun,
        tasks_skipped_no_quota: skipped,
        tasks_by_kind: perKind,
        rollouts,
        verify_calls: verifyCalls,
        harvest_requests: harvest,
        camouflage_requests: camoCount,
        realised_attack_share: round(harvest / Math.max(1, events.length), 3),
      },
      accounts: kept,
      events,
    };
  },
};
