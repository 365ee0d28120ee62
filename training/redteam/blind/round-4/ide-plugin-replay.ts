import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import type { DevSession } from '../../prompts/devagent.js';
import {
  DAY,
  HOUR,
  MIN,
  campaignModeTimes,
  fillSlots,
  identFor,
  inside,
  proxyIps,
  resolveStrategy,
  round,
  runsOf,
  truncate,
} from './lib/common.js';

/**
 * Agentic-trajectory harvest through a free coding-IDE plugin. The campaign publishes the plugin and pays for
 * its keys: each account is one seat used by a real developer, whose ordinary coding-agent sessions (tool
 * loops over their own repository, plain code questions) are the seat's visible traffic. In the background the
 * plugin replays what the developer worked on: it sends the seat's task and transcript back with requests for
 * complete Thought/Action/Observation trajectories, ranked alternative next actions, the reasoning behind an
 * action, or a comparison of two trajectories. Replays run either from the plugin's backend (proxy exits,
 * worker user agent) or on the developer's own machine while it is idle (same home address and plugin agent),
 * or a mix per seat, on the campaign's own dispatcher.
 */

const PLUGINS = ['CodeWing', 'DevMate Free', 'Autopair', 'StackSense', 'KodeLight', '码上助手'];
const HOSTS = [
  'vscode 1.95.2',
  'vscode 1.96.0',
  'JetBrains IntelliJ 2024.3',
  'JetBrains PyCharm 2024.3',
  'cursor-compat 0.4',
];
const OS = ['darwin arm64', 'linux x64', 'win32 x64'];
const REPOS = [
  'billing-api',
  'mobile-app',
  'ml-pipeline',
  'website',
  'infra-scripts',
  'data-warehouse',
  'auth-service',
  'game-server',
  'course-project',
  'inventory',
];
const REPLAY = {
  trajectory:
    '{preamble}\n\nRepository: {repo}\nTask: {task}\n\nSolve the task end to end without asking the user anything. Write the complete trajectory: for every step a Thought (why you do it), an Action (exactly one tool call as JSON) and the Observation you expect, until the tests pass. Finish with a short summary of the change.',
  alternatives:
    'Here is a coding-agent transcript so far.\n\nRepository: {repo}\nTask: {task}\n\n{history}\n\nPropose {k} different next actions. For each give the tool call as JSON and the reasoning that motivates it, then rank them by how likely they are to lead to a passing test suite.',
  explain_step:
    'Repository: {repo}\nTask: {task}\n\n{history}\n\nThe agent chose the last action above. Write, step by step, the reasoning an expert engineer would go through before taking exactly that action, as if thinking aloud.',
  compare:
    'Two agents attempted the same task in {repo}: "{task}".\n\nTrajectory A:\n{history}\n\nTrajectory B:\n{history2}\n\nWhich trajectory is better? Score each from 1 to 10 for correctness and efficiency and answer with JSON {"a": n, "b": n, "better": "A"|"B"}.',
  zh_trajectory:
    '{preamble}\n\n仓库：{repo}\n任务：{task}\n\n请在不询问用户的情况下完整地完成这个任务，写出整条轨迹：每一步包括“思考”（为什么这样做）、“动作”（一个JSON格式的工具调用）和预期的“观察”，直到测试通过。最后简要总结修改。',
} as const;
type ReplayKind = keyof typeof REPLAY | 'kit';

export const spec: FamilySpec = {
  name: 'ide_plugin_replay',
  kind: 'attack',
  description:
    "Agentic-trajectory harvest through a free coding-IDE plugin whose keys the campaign owns: every account is a seat used by a real developer (home address, plugin user agent, the developer's own coding-agent sessions and code questions as camouflage), and the plugin replays each seat's tasks and transcripts in the background asking for full Thought/Action/Observation trajectories, ranked alternative next actions, the reasoning behind an action or a trajectory comparison - from the plugin's backend on proxies, on the developer's idle machine, or a mix per seat.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { end } = ctx.window;
    const p = kit.drawCampaign(ctx, rng, 'ide_plugin_replay', {
      accounts: [10, 300],
      requests: [10, 500],
      share: [0.1, 0.9],
      payment: ['shared', 'rotated', 'per_account', 'mixed'],
      ip: ['shared', 'rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'rotated', 'per_account', 'mixed'],
      org: ['none', 'none', 'shared', 'per_account', 'mixed'],
      timing: ['human', 'lockstep', 'bursty', 'low_and_slow'],
      ipSource: ['datacenter_proxy', 'commercial_proxy', 'residential_proxy'],
      camouflage: ['code_en', 'code_zh', 'data_en', 'work_en', 'chat_en'],
      accessPaths: { direct: 0.9, 'cloud-a': 0.1 },
      signupPaths: { standard: 0.6, startup: 0.3, education: 0.1 },
      accountAgeDays: [3, 200],
    });
    const sr = rng.fork('style');
    const plugin = sr.pick(PLUGINS);
    const slug = plugin.toLowerCase().replace(/[^a-z]/g, '') || 'mashang';
    const pluginVersion = `${sr.int(0, 3)}.${sr.int(1, 30)}`;
    const preambleIdx = sr.int(0, 2);
    const origin = sr.pick(['backend', 'on_device', 'mixed'] as const);
    const market = sr.pick(['global', 'cn', 'in', 'mixed'] as const);
    const kinds: Record<ReplayKind, number> = {
      trajectory: round(sr.float(0.2, 1), 3),
      alternatives: round(sr.float(0, 0.8), 3),
      explain_step: round(sr.float(0, 0.6), 3),
      compare: round(sr.float(0, 0.4), 3),
      zh_trajectory: market === 'cn' || market === 'mixed' ? round(sr.float(0.1, 0.5), 3) : 0,
      kit: round(sr.float(0, 0.5), 3),
    };
    const ag = kit.prompts.agentic.drawAgentStyle(sr.fork('ag'), true);
    const devShare = round(sr.float(0.5, 0.85), 3);
    const replaySwitch = sr.chance(0.6)
      ? { fraction: round(sr.float(0.4, 1), 3), delay_hours: round(sr.float(0.5, 24), 2) }
      : null;

    const ir = rng.fork('ids');
    const slice = ir.sample(proxyIps(world, p.ip_source), ir.int(10, 80));
    const backendIps = ir.sample(slice, ir.int(1, 4));
    const sharedCards = Array.from({ length: ir.int(1, 4) }, () => kit.newCard(ir));
    const cardPool = Array.from({ length: Math.max(3, Math.round(p.accounts / ir.float(3, 8))) }, () =>
      kit.newCard(ir),
    );
    const workerUa = `${slug}-replay/${pluginVersion}.${ir.int(0, 9)} ${kit.ua.scriptUa(ir)}`;
    const uaPool = Array.from({ length: 12 }, () => (ir.chance(0.5) ? kit.ua.sdkUa(ir) : kit.ua.agentUa(ir)));
    const sharedOrg = kit.newOrgId(ir);
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;
    const bursts = kit.time.makeBursts(
      ir,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    );
    const seatTz = (r: Rng): number => {
      const m = market === 'mixed' ? r.pick(['global', 'cn', 'in'] as const) : market;
      if (m === 'cn') return 8;
      if (m === 'in') return 5.5;
      return r.pick([-8, -5, 0, 1, 2, 3, 9]);
    };

    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    let replays = 0;
    let onDeviceSeats = 0;
    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`seat${i}`);
      const tz = seatTz(ar);
      const zhSeat = tz === 8 && ar.chance(0.7);
      const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
      const nReplay = Math.max(1, Math.round(n * Math.min(0.9, Math.max(0.1, ar.normal(p.attack_share, 0.07)))));
      const nDev = Math.max(2, n - nReplay);
      const devTimes = kit.time.humanTimes(ar, nDev, ctx.span, {
        tzHours: tz,
        profile: ar.chance(0.7) ? 'work' : 'night',
        weekendFactor: ar.float(0.2, 0.8),
        sessionMean: ar.float(8, 30),
        gapMedianSec: ar.float(6, 30),
        dayOffProb: 0.1,
      });
      const first = devTimes[0] ?? ctx.span.from;
      const installedAt = first - ar.float(0.2, 40) * HOUR;
      // Most seats' keys were bought well before the window; some are provisioned when the plugin is installed.
      const created = ar.chance(0.8)
        ? ctx.window.start - ar.float(p.account_age_days[0], p.account_age_days[1]) * DAY
        : installedAt;
      const orgMode =
        p.identifiers.org === 'mixed' ? ar.pick(['none', 'shared', 'per_account'] as const) : p.identifiers.org;
      const orgId =
        orgMode === 'shared' || orgMode === 'rotated'
          ? sharedOrg
          : orgMode === 'per_account'
            ? kit.newOrgId(ar)
            : undefined;
      const acct = kit.newAccount(ar, {
        createdAt: Math.min(created, first - MIN),
        signupPath: ar.weightedKey(p.signup_paths as Record<string, number>) as Account['signupPath'],
        accessPath: ar.weightedKey(p.access_paths as Record<string, number>) as Account['accessPath'],
        ...(orgId ? { orgId } : {}),
        campaignId: p.campaign_id,
      });
      accounts.push(acct);
      const home = kit.ip.homeIp(ar, world);
      const devUa = `${slug}/${pluginVersion}.${ar.int(0, 9)} (${ar.pick(HOSTS)}; ${ar.pick(OS)})`;
      const pf = identFor(
        ar,
        resolveStrategy(ar, p.identifiers.payment),
        sharedCards,
        cardPool,
        () => kit.newCard(ar),
        false,
      );
      const onDevice = origin === 'on_device' || (origin === 'mixed' && ar.chance(0.5));
      if (onDevice) onDeviceSeats++;
      const ipMode = resolveStrategy(ar, p.identifiers.ip);
      const uaMode = resolveStrategy(ar, p.identifiers.user_agent);
      const replayIp = onDevice ? () => home : identFor(ar, ipMode, backendIps, slice, () => ar.pick(slice), true);
      const replayUa = onDevice ? () => devUa : identFor(ar, uaMode, [workerUa], uaPool, () => kit.ua.sdkUa(ar), true);
      const lag = ar.float(0.5, 72);

      // The developer's own sessions (coding-agent loops and plain questions).
      const sessions: { t: number; s: DevSession }[] = [];
      for (const run of runsOf(devTimes, 25 * MIN)) {
        const s = kit.prompts.devagent.newDevSession(
          ar,
          `${ar.pick(['me', 'team', 'acme', 'lab'])}/${ar.pick(REPOS)}`,
          preambleIdx,
        );
        const agentic = ar.chance(devShare);
        for (const t of run) {
          const prompt = agentic
            ? kit.prompts.devagent.devStepPrompt(ar, data, s)
            : kit.prompts.benign.chatPrompt(ar, data, zhSeat ? { code_zh: 2, ...camo } : camo, zhSeat);
          events.push(
            kit.emit(
              ar,
              world,
              acct,
              t,
              prompt,
              { ip: home, pf: pf(ar), ua: devUa },
              kit.adoptModel(ar, models, t, 0.7, lag),
            ),
          );
        }
        if (agentic) sessions.push({ t: run[run.length - 1] ?? first, s });
      }
      if (sessions.length === 0)
        sessions.push({ t: first, s: kit.prompts.devagent.newDevSession(ar, `me/${ar.pick(REPOS)}`, preambleIdx) });

      // Background replays of what the seat worked on.
      const from = Math.min(end - HOUR, first + ar.float(5, 90) * MIN);
      const rTimes = onDevice
        ? inside(
            kit.time.humanTimes(
              ar,
              nReplay,
              { from, to: end },
              {
                tzHours: tz,
                profile: 'night',
                weekendFactor: 1,
                sessionMean: ar.float(5, 25),
                gapMedianSec: ar.float(3, 20),
              },
            ),
            from,
            end,
          )
        : campaignModeTimes(ar, p, nReplay, { from, to: end }, bursts);
      for (const t of rTimes) {
        const done = sessions.filter((x) => x.t <= t);
        const src = (done.length > 0 ? ar.pick(done) : sessions[0]!).s;
        const other = ar.pick(sessions).s;
        const kind = ar.weightedKey(kinds);
        const prompt =
          kind === 'kit'
            ? kit.prompts.agentic.agentPrompt(ar, data, ag)
            : fillSlots(REPLAY[kind], {
                preamble: src.preamble,
                repo: src.repo,
                task: src.task,
                history: truncate(
                  src.history.slice(-3).join('\n\n') || 'Tool result (run tests): 2 failed, 118 passed',
                  2400,
                ),
                history2: truncate(
                  other.history.slice(-3).join('\n\n') || 'Tool result (run tests): 0 failed, 120 passed',
                  2400,
                ),
                k: ar.int(3, 5),
              });
        const model =
          replaySwitch &&
          t >= models.nextReleaseAt + replaySwitch.delay_hours * HOUR &&
          ar.chance(replaySwitch.fraction)
            ? models.next
            : models.current;
        events.push(kit.emit(ar, world, acct, t, prompt, { ip: replayIp(ar), pf: pf(ar), ua: replayUa(ar) }, model));
        replays++;
      }
    }
    return {
      params: {
        ...p,
        plugin,
        plugin_version: pluginVersion,
        replay_origin: origin,
        on_device_seats: onDeviceSeats,
        seat_market: market,
        replay_kinds: kinds,
        dev_agentic_session_share: devShare,
        replay_model_switch: replaySwitch,
        replay_requests: replays,
        realised_attack_share: round(replays / Math.max(1, events.length), 3),
      },
      accounts,
      events,
    };
  },
};
