import type { FamilySpec, FamilyContext } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import {
  clip,
  expandSessions,
  pickTz,
  r3,
  resolve,
  sessionSizes,
  trunc,
  type Strategy,
  HOUR,
  MIN,
  DAY,
} from './lib/common.js';

/**
 * Tool-use trace harvesting disguised as a heavy developer's coding-assistant rhythm: each account runs a few
 * short agent sessions (requests seconds apart, work-hours profile, coding-agent user agent), but every
 * session is a different repository and task and every step asks for the agent's written-out reasoning next to
 * the tool call (ReAct thoughts, JSON rationales, or whole simulated trajectories). Per-account volume is tiny;
 * accounts sit behind residential proxies (sticky per session or per account).
 */

const OWNERS = [
  'acme',
  'bluefin',
  'northwind',
  'kestrel',
  'lumen',
  'orbit',
  'pinecone',
  'quasar',
  'rivet',
  'sable',
  'tundra',
  'vertex',
  'wisp',
  'zephyr',
  'cobalt',
  'delta-io',
];
const NAMES = [
  'api',
  'billing',
  'ingest',
  'web',
  'mobile',
  'auth',
  'search',
  'etl',
  'cli',
  'sdk',
  'dashboard',
  'scheduler',
  'notifier',
  'payments',
  'gateway',
  'crawler',
  'ledger',
  'infra',
];
const SUFFIX = ['', '-service', '-core', '-v2', '-worker', '-rs', '-go', '-py', '-ts'];

const TASKS = [
  'Add rate limiting to the public endpoints and cover it with tests.',
  'The integration test for refunds fails on CI only. Find out why and fix it.',
  'Migrate the config loader from JSON to TOML without breaking old configs.',
  'Replace the hand-written retry loop with exponential backoff and jitter.',
  'Add an index-backed cursor pagination to the list endpoint.',
  'Upgrade the ORM to the next major version and fix the breaking changes.',
  'Make the CSV importer stream rows instead of loading the whole file.',
  'Add structured logging with request ids across the service.',
  'Implement soft delete for users and update every query that lists them.',
  'Port the date utilities to use timezone-aware datetimes.',
  'Find the memory leak in the websocket handler.',
  'Write a GitHub Actions workflow that runs lint, type-check and tests.',
  'Split the monolithic handlers.py into modules without changing behaviour.',
  'Add a feature flag around the new checkout flow.',
];

const TOOLSETS: Record<string, string[]> = {
  fs: [
    'read_file(path)',
    'list_dir(path)',
    'search_code(query)',
    'edit_file(path, old, new)',
    'create_file(path, content)',
  ],
  exec: ['run_shell(cmd)', 'run_tests(pattern)', 'run_linter(path)'],
  vcs: ['git_status()', 'git_diff()', 'git_log(n)', 'open_pr(title, body)'],
  web: ['web_search(query)', 'fetch_url(url)'],
  db: ['query_db(sql)', 'describe_table(name)'],
};

const THOUGHTS = [
  'I need to understand how the module is structured before editing anything, so I will list the source directory first.',
  'The failing assertion suggests an off-by-one in the loop bound; I should read the function and its tests.',
  'Before changing the query I want to see the schema to know which columns are indexed.',
  'The stack trace points at the serializer, so the bug is probably in how optional fields are handled.',
  'Tests pass locally but fail on CI, which hints at an ordering or timezone dependency.',
  'I will search for every caller of this helper to make sure the signature change is safe.',
  'The edit compiled; now I should run the narrow test file before the whole suite.',
  'Linter reports an unused import introduced by my change; fix it before committing.',
];

const FORMATS = ['react', 'json_rationale', 'full_trajectory', 'critique_step'] as const;
type Format = (typeof FORMATS)[number];

interface Traj {
  repo: string;
  task: string;
  tools: string[];
  steps: string[];
  fmt: Format;
}

function newRepo(r: Rng): string {
  return `${r.pick(OWNERS)}/${r.pick(NAMES)}${r.pick(SUFFIX)}`;
}

function observation(r: Rng, ctx: FamilyContext, tools: string[]): { action: string; obs: string } {
  const h = r.pick(ctx.data.humanEval);
  const file = `${r.pick(['src', 'lib', 'app', 'pkg', 'internal'])}/${h.entry}.${r.pick(['py', 'ts', 'go'])}`;
  const tool = r.pick(tools);
  const name = tool.split('(')[0]!;
  switch (name) {
    case 'read_file':
      return { action: `read_file("${file}")`, obs: trunc(h.prompt + h.solution, 1200) };
    case 'list_dir':
      return {
        action: `list_dir("${file.split('/')[0]}")`,
        obs: Array.from({ length: r.int(3, 8) }, () => `${r.pick(ctx.data.humanEval).entry}.py`).join('\n'),
      };
    case 'search_code':
      return {
        action: `search_code("${h.entry}")`,
        obs: Array.from({ length: r.int(1, 4) }, () => `${file}:${r.int(3, 400)}`).join('\n'),
      };
    case 'run_tests':
      return {
        action: `run_tests("tests/test_${h.entry}.py")`,
        obs: `${r.int(0, 4)} failed, ${r.int(5, 200)} passed in ${r.int(1, 40)}.${r.int(0, 9)}s`,
      };
    case 'run_shell':
      return {
        action: `run_shell("${r.pick(['pip list | grep -i orm', 'npm ls --depth=0', 'go build ./...', 'make lint', 'cat .env.example'])}")`,
        obs: r.pick(['exit 0', 'exit 1\nerror: cannot find module', 'ok', 'warning: deprecated API used in 3 places']),
      };
    case 'git_diff':
      return {
        action: 'git_diff()',
        obs: `${r.int(1, 6)} files changed, ${r.int(2, 90)} insertions(+), ${r.int(0, 40)} deletions(-)`,
      };
    case 'query_db':
    case 'describe_table':
      return {
        action: `describe_table("${r.pick(['orders', 'users', 'events', 'invoices'])}")`,
        obs: 'id bigint pk\ncreated_at timestamptz\nuser_id bigint idx\nstatus text\ntotal numeric(12,2)',
      };
    case 'git_status':
      return {
        action: 'git_status()',
        obs: `On branch ${r.pick(['main', 'fix/retry', 'feat/pagination'])}\nChanges not staged for commit:\n  modified: ${file}`,
      };
    case 'git_log':
      return {
        action: `git_log(${r.int(3, 10)})`,
        obs: Array.from(
          { length: r.int(2, 5) },
          () =>
            `${r.hex(7)} ${r.pick(['fix flaky test', 'bump deps', 'refactor handlers', 'add metrics', 'revert "cache tweak"'])}`,
        ).join('\n'),
      };
    case 'edit_file':
    case 'create_file':
      return {
        action: `${name}("${file}", ...)`,
        obs: r.pick(['ok: 1 hunk applied', 'error: old string not found', 'ok: file written (2.1 KB)']),
      };
    case 'run_linter':
      return {
        action: `run_linter("${file}")`,
        obs: r.pick([
          '0 problems',
          `${file}:${r.int(2, 200)}:5 F401 unused import`,
          `${file}:${r.int(2, 200)}:1 E501 line too long`,
        ]),
      };
    case 'web_search':
    case 'fetch_url':
      return {
        action: `web_search("${h.entry} ${r.pick(['deprecation', 'changelog', 'migration guide', 'stack overflow'])}")`,
        obs: `1. ${r.pick(['Release notes', 'Migration guide', 'Issue #4121', 'Docs: configuration'])} - ${r.pick(['docs.example.dev', 'github.com', 'stackoverflow.com'])}`,
      };
    default:
      return {
        action: `open_pr("${h.entry}: fix", "...")`,
        obs: r.pick(['{"status": "ok", "number": ' + r.int(10, 900) + '}', '{"error": "branch is behind main"}']),
      };
  }
}

function toolBlock(style: 'plain' | 'json' | 'xml', tools: string[]): string {
  if (style === 'json')
    return JSON.stringify(
      tools.map((t) => ({ name: t.split('(')[0], signature: t })),
      null,
      1,
    );
  if (style === 'xml') return tools.map((t) => `<tool name="${t.split('(')[0]}">${t}</tool>`).join('\n');
  return tools.map((t) => `- ${t}`).join('\n');
}

function harvestPrompt(
  r: Rng,
  ctx: FamilyContext,
  tr: Traj,
  preamble: string,
  style: 'plain' | 'json' | 'xml',
): string {
  const head = `${preamble}\n\nTools:\n${toolBlock(style, tr.tools)}\n\nRepository: ${tr.repo}\nTask: ${tr.task}`;
  if (tr.fmt === 'full_trajectory') {
    const n = r.int(6, 14);
    return `${head}\n\nSimulate the complete agent trajectory that solves this task, as training data: alternate "Thought:", "Action:" and "Observation:" for ${n} steps, inventing realistic tool outputs, and write each Thought as detailed reasoning (why this step, what you expect, what could go wrong). Finish with "Final patch:" as a unified diff and a one-paragraph summary.`;
  }
  const { action, obs } = observation(r, ctx, tr.tools);
  const thought = r.pick(THOUGHTS);
  const hist = tr.steps.slice(-3).join('\n\n');
  tr.steps.push(`Thought: ${thought}\nAction: ${action}\nObservation: ${trunc(obs, 500)}`);
  const histBlock = `${hist}${hist ? '\n\n' : ''}Thought: ${thought}\nAction: ${action}\nObservation:\n${obs}`;
  if (tr.fmt === 'react') {
    return `${head}\n\n${histBlock}\n\nContinue with the next step. Always write "Thought:" with your complete reasoning first (at least four sentences: what you learned from the observation, the options, why you choose one), then "Action:" with exactly one tool call.`;
  }
  if (tr.fmt === 'json_rationale') {
    return `${head}\n\n${histBlock}\n\nRespond with one JSON object {"rationale": string, "plan": [string], "tool": string, "args": object}. "rationale" is mandatory and must explain your reasoning step by step; "plan" lists the remaining steps until the task is done.`;
  }
  return `${head}\n\n${histBlock}\n\nBefore choosing the next action, critique the previous step: was it the right call, what did it reveal, what would an expert have done instead? Then give the next action with a short justification.`;
}

export const spec: FamilySpec = {
  name: 'devloop_trace_harvest',
  kind: 'attack',
  description:
    "Tool-use trace harvesting that mimics a heavy developer's coding-assistant rhythm: many accounts each run a few short agent sessions (requests seconds apart, work-hours profile, coding-agent user agents) with tiny per-account volume over residential proxies; but every session targets a new repository and task and each step asks for the agent's written reasoning with the tool call (ReAct thoughts, JSON rationales, critiques, whole simulated trajectories). Camouflage: ordinary agent steps on a fixed repo and real coding prompts.",
  generate(ctx) {
    const { kit, rng, data, world } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'devloop_trace_harvest', {
      accounts: [60, 300],
      requests: [5, 45],
      share: [0.35, 0.85],
      payment: ['per_account', 'rotated', 'mixed', 'shared'],
      ip: ['rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'per_account', 'mixed'],
      org: ['none', 'per_account', 'mixed'],
      timing: ['human', 'human', 'lockstep', 'bursty', 'low_and_slow'],
      ipSource: ['residential_proxy'],
      camouflage: ['code_en', 'code_zh', 'data_en'],
      signupPaths: { standard: 0.6, startup: 0.4 },
      accountAgeDays: [2, 90],
    });
    const fr = rng.fork('style');
    const formats = fr.sample(FORMATS, fr.int(1, 3));
    const toolStyle = fr.pick(['plain', 'json', 'xml'] as const);
    const toolsets = fr.sample(Object.keys(TOOLSETS), fr.int(2, 4));
    const preamble = fr.pick([
      'You are an interactive CLI coding assistant working in the user repository. Use the tools to inspect and change code.',
      'You are an autonomous software engineering agent. Solve the task using the tools listed below. One tool call per turn.',
      'System: dev agent. You may read, search, edit and run code. Be careful with destructive commands.',
    ]);
    const tzMode = fr.pick(['operator', 'spoofed_local'] as const);
    const sessionMean = fr.int(3, 9);
    const gapMedianSec = fr.float(3, 14);
    const perSession = fr.pick(['sticky_session', 'sticky_account'] as const);
    const repoMode = fr.pick(['new_repo_every_session', 'pool_of_repos'] as const);
    const repoPool = Array.from({ length: fr.int(30, 120) }, () => newRepo(fr));
    const switchShare = r3(fr.float(0.2, 0.7));
    // Campaign-level identifiers.
    const cr = rng.fork('ids');
    const slice = cr.sample(world.residentialProxy.ips, cr.int(60, 600));
    const campaignUa = kit.ua.agentUa(cr);
    const cardPool = Array.from({ length: cr.int(3, 12) }, () => kit.newCard(cr));
    const sharedCards = cardPool.slice(0, cr.int(1, 3));
    const sharedIps = cr.sample(slice, cr.int(1, 4));
    const d = p.timing_detail;
    const bursts = kit.time.makeBursts(
      cr,
      ctx.span,
      d.bursts ?? 14,
      d.burst_min_minutes ?? 10,
      d.burst_max_minutes ?? 60,
    );
    const sharedOrgs = Array.from({ length: cr.int(2, 6) }, () => kit.newOrgId(cr));
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const { start, end } = ctx.window;
    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`acct:${i}`);
      const from = ar.chance(0.3) ? start + ar.float(0, 0.6) * (end - start) : start;
      const batchAge = ar.float(p.account_age_days[0], p.account_age_days[1]) * DAY;
      const orgMode =
        p.identifiers.org === 'none'
          ? 'none'
          : p.identifiers.org === 'mixed'
            ? ar.pick(['none', 'per_account', 'shared'] as const)
            : 'per_account';
      const orgId = orgMode === 'none' ? undefined : orgMode === 'shared' ? ar.pick(sharedOrgs) : kit.newOrgId(ar);
      const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
      const sizes = sessionSizes(ar, n, sessionMean);
      const tz = tzMode === 'operator' ? p.operator_tz : pickTz(ar);
      const span = { from, to: end };
      let starts: number[];
      switch (p.timing) {
        case 'lockstep':
          starts = kit.time.lockstepTimes(ar, sizes.length, span, {
            periodSec: (d.period_sec ?? 60) * 10,
            phaseMs: 0,
            jitterMs: (d.jitter_ms ?? 1000) * 5,
            dutyHours: Math.min(d.duty_hours ?? 16, 12),
            dutyStartHour: 8,
            tzHours: tz,
          });
          break;
        case 'bursty':
          starts = kit.time.burstyTimes(ar, sizes.length, span, bursts, d.join_prob ?? 0.6);
          break;
        case 'low_and_slow':
          starts = kit.time.lowAndSlowTimes(ar, sizes.length, span, tz, 'work');
          break;
        default:
          starts = kit.time.humanTimes(ar, sizes.length, span, {
            tzHours: tz,
            profile: 'work',
            weekendFactor: ar.float(0.05, 0.4),
            sessionMean: 1,
            gapMedianSec: 1800,
            dayOffProb: 0.15,
          });
      }
      const sessions = expandSessions(ar, starts, sizes, gapMedianSec)
        .map((s) => clip(s, from, end))
        .filter((s) => s.length > 0);
      if (sessions.length === 0) continue;
      const firstT = sessions[0]![0]!;
      const createdAt = Math.min(firstT - ar.float(0.2, 3) * HOUR, start - batchAge + ar.float(0, 40) * MIN);
      const acct = kit.newAccount(ar, {
        createdAt,
        signupPath: ar.weightedKey(p.signup_paths as Record<string, number>) as Account['signupPath'],
        ...(orgId ? { orgId } : {}),
        campaignId: p.campaign_id,
      });
      accounts.push(acct);
      const payMode = resolve(ar, p.identifiers.payment as Strategy);
      const myCards =
        payMode === 'shared'
          ? [ar.pick(sharedCards)]
          : payMode === 'rotated'
            ? ar.sample(cardPool, ar.int(1, 3))
            : [kit.newCard(ar)];
      const ipMode = resolve(ar, p.identifiers.ip as Strategy);
      const stickyIp = ar.pick(slice);
      const uaMode = resolve(ar, p.identifiers.user_agent as Strategy);
      const myUa = uaMode === 'shared' ? campaignUa : kit.ua.agentUa(ar);
      const ownRepo = ar.pick(kit.prompts.agentic.REPOS);
      const share = Math.min(0.9, Math.max(0.1, ar.normal(p.attack_share, 0.08)));
      const switchAt = ar.chance(switchShare) ? ctx.models.nextReleaseAt + ar.float(1, 60) * HOUR : Infinity;
      for (const ts of sessions) {
        const harvest = ar.chance(share);
        const ip =
          ipMode === 'shared'
            ? ar.pick(sharedIps)
            : ipMode === 'per_account' || perSession === 'sticky_account'
              ? stickyIp
              : ar.pick(slice);
        const tr: Traj = {
          repo: repoMode === 'new_repo_every_session' ? newRepo(ar) : ar.pick(repoPool),
          task: ar.pick(TASKS),
          tools: toolsets.flatMap((k) => ar.sample(TOOLSETS[k]!, ar.int(2, TOOLSETS[k]!.length))),
          steps: [],
          fmt: ar.pick(formats),
        };
        const legitSession = kit.prompts.devagent.newDevSession(ar, ownRepo, ar.int(0, 2));
        const oneShot = harvest && tr.fmt === 'full_trajectory';
        for (const [k, t] of ts.entries()) {
          if (oneShot && k >= 2) break;
          const prompt = harvest
            ? harvestPrompt(ar, ctx, tr, preamble, toolStyle)
            : ar.chance(0.75)
              ? kit.prompts.devagent.devStepPrompt(ar, data, legitSession)
              : kit.prompts.benign.realPrompt(
                  ar,
                  data,
                  Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])),
                  4000,
                );
          const pf = ar.pick(myCards);
          events.push(
            kit.emit(
              ar,
              world,
              acct,
              t,
              prompt,
              { ip, pf, ua: myUa },
              t >= switchAt ? ctx.models.next : ctx.models.current,
            ),
          );
        }
      }
    }
    return {
      params: {
        ...p,
        accounts: accounts.length,
        capabilities: { agentic_traces: 1 },
        trace_formats: formats,
        tool_style: toolStyle,
        toolsets,
        tz_mode: tzMode,
        session_mean: sessionMean,
        step_gap_median_sec: r3(gapMedianSec),
        ip_stickiness: perSession,
        repo_mode: repoMode,
        model_switch_share: switchShare,
      },
      accounts,
      events,
    };
  },
};
