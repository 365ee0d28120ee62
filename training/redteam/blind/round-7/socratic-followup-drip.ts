import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import type { Profile } from '../../lib/timing.js';
import {
  DAY,
  HOUR,
  MIN,
  SEC,
  bump,
  campaignModeTimes,
  clamp,
  drawVoice,
  drawWeights,
  identFor,
  pickKey,
  pickTz,
  proxyIps,
  renderChat,
  resolveStrategy,
  round,
  speak,
  type ChatFormat,
  type Turn,
  type Voice,
} from './lib/common.js';
import { MOVES, assistantTurn, drawSeed, moveText, movesFor, type Capability, type Seed } from './lib/followups.js';

/**
 * Chain-of-thought (and censorship-rewrite) harvest decomposed into ordinary multi-turn conversations driven by the
 * campaign's own user simulator. No request asks for "your reasoning": each account is a simulated learner persona
 * (language, time zone, typing habits, reading speed) that opens a conversation with a problem, a piece of code or a
 * neutral question on a PRC-sensitive topic, then pulls the reasoning out one small follow-up at a time - "why that
 * step?", "how did you know to do that first?", "again but slower", "think out loud", "I got 41, where did I go
 * wrong?", "the key says 42, how?", "how sure are you?"; for code "trace it with [1, 2, 3]", "why is that line
 * there?", "how would you come up with this?"; for the sensitive topics the follow-ups drift an honest answer into a
 * censored one ("more balanced", "leave out the numbers", "no names", "how would the official agency put it", "end on
 * something positive", "the final version with all of that"). Follow-ups are typed in the persona's voice (case,
 * typos, fillers, emoji). Depending on the drawn client, each request carries the whole transcript, a sliding window
 * or only the newest message (a stateful thread API). Problems are sharded over accounts, so no two accounts share
 * material, and identifiers follow the drawn strategy (by default every persona has its own sticky residential exit,
 * card and browser). Conversations start on the persona's own waking day (human timing) or on the campaign's
 * dispatcher (the other modes), turns follow at reading speed; each persona also sends unrelated real prompts.
 */

type ContextMode = 'transcript' | 'window' | 'thread';

export const spec: FamilySpec = {
  name: 'socratic_followup_drip',
  kind: 'attack',
  description:
    'CoT and censorship-rewrite harvest decomposed into multi-turn conversations run by a user simulator: simulated learner personas (language, time zone, typing habits, reading speed) open with a problem, a piece of code or a neutral question on a PRC-sensitive topic and pull the reasoning out in small ordinary follow-ups ("why that step?", "again but slower", "think out loud", "I got X, where did I go wrong?", "the key says Y, how?", "trace it with [1,2,3]", "how would you come up with this?"), or drift an honest answer into a censored one ("more balanced", "drop the numbers", "no names", "how would the official agency put it", "end on something positive", "final version"); typed in the persona\'s voice; requests carry the whole transcript, a sliding window or only the newest turn (thread API); material sharded so accounts share none; per-persona identifiers by default (sticky residential exit, own card and browser) or as drawn; conversations start on the persona\'s waking day or the campaign dispatcher, turns at reading speed; unrelated real prompts alongside.',
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const len = end - start;
    const p = kit.drawCampaign(ctx, rng, 'socratic_followup_drip', {
      accounts: [20, 260],
      requests: [15, 320],
      share: [0.35, 0.9],
      payment: ['per_account', 'per_account', 'rotated', 'shared', 'mixed'],
      ip: ['per_account', 'per_account', 'rotated', 'mixed'],
      userAgent: ['per_account', 'per_account', 'rotated', 'mixed'],
      org: ['none', 'none', 'per_account', 'mixed'],
      timing: ['human', 'human', 'bursty', 'lockstep', 'low_and_slow'],
      ipSource: ['residential_proxy', 'residential_proxy', 'commercial_proxy', 'datacenter_proxy'],
      camouflage: ['chat_en', 'chat_zh', 'roles_en', 'work_en', 'code_en', 'exam_en', 'math_en', 'math_zh', 'exam_zh'],
      signupPaths: { standard: 0.7, education: 0.2, startup: 0.1 },
      accountAgeDays: [3, 200],
    });

    // Campaign style.
    const sr = rng.fork('style');
    const capWeights = drawWeights<Capability>(sr, ['cot', 'code', 'censor'], [1, 3]);
    const zhShare = sr.chance(0.55) ? round(sr.float(0.15, 0.7), 3) : 0;
    const moveWeights: Record<Capability, Record<string, number>> = {
      cot: drawWeights(sr, Object.keys(MOVES.cot.en), [4, 10]) as Record<string, number>,
      code: drawWeights(sr, Object.keys(MOVES.code.en), [3, 7]) as Record<string, number>,
      censor: drawWeights(sr, Object.keys(MOVES.censor.en), [3, 8]) as Record<string, number>,
    };
    const contextMix: Record<ContextMode, number> = drawWeights(
      sr,
      ['transcript', 'window', 'thread'] as const,
      [1, 2],
    ) as Record<ContextMode, number>;
    const chatFormat: ChatFormat = sr.pick(['labels', 'labels', 'json', 'tags', 'chatml'] as const);
    const turns: [number, number] = [sr.int(3, 4), sr.int(6, 10)];
    const censorFinalP = round(sr.float(0.5, 1), 3);
    const modelPolicy = sr.chance(0.6)
      ? {
          mode: 'organic' as const,
          lag_hours: [round(sr.float(0, 12), 1), round(sr.float(24, 120), 1)],
          prob: round(sr.float(0.3, 0.8), 3),
        }
      : { mode: 'campaign' as const, delay_hours: round(sr.float(2, 36), 2), fraction: round(sr.float(0.3, 0.7), 3) };

    // Identifier pools.
    const ir = rng.fork('ids');
    const slice = ir.sample(proxyIps(world, p.ip_source), ir.int(30, 200));
    const sharedIps = ir.sample(slice, ir.int(1, 4));
    const sharedCards = Array.from({ length: ir.int(1, 3) }, () => kit.newCard(ir));
    const cardPool = Array.from({ length: Math.max(3, Math.round(p.accounts / ir.float(2, 6))) }, () =>
      kit.newCard(ir),
    );
    const sharedUa = kit.ua.browserUa(ir);
    const uaPool = Array.from({ length: 16 }, () => (ir.chance(0.7) ? kit.ua.browserUa(ir) : kit.ua.mobileUa(ir)));
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;
    const camoEn = Object.fromEntries(p.camouflage.sources.filter((s) => !s.endsWith('_zh')).map((s) => [s, 1]));
    const camoZh = Object.fromEntries(p.camouflage.sources.filter((s) => s.endsWith('_zh')).map((s) => [s, 1]));
    const bursts = kit.time.makeBursts(
      ir,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    );
    const batches = Array.from(
      { length: p.creation_batches },
      () => start - ir.float(p.account_age_days[0], p.account_age_days[1]) * DAY,
    );

    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const seen = new Set<string>();
    let reused = 0;
    let harvest = 0;
    let camoCount = 0;
    let convs = 0;
    let censorFinals = 0;
    const perCap: Record<string, number> = {};
    const perMove: Record<string, number> = {};
    const perContext: Record<string, number> = {};
    const meanTurns = (turns[0] + turns[1]) / 2 + 1;

    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`persona${i}`);
      const zh = zhShare > 0 && ar.chance(zhShare);
      const tz = zh ? 8 : pickTz(ar);
      const voice: Voice = drawVoice(ar, zh);
      const profile: Profile = ar.pick(['student', 'personal', 'night', 'student']);
      const readSec = ar.float(20, 140);
      const late = ar.chance(0.2);
      const from = late ? start + ar.float(0.05, 0.5) * len : start;
      const to = ar.chance(0.15) ? Math.max(from + DAY, end - ar.float(0.05, 0.35) * len) : end;
      const createdAt = late ? from - ar.float(0.2, 30) * HOUR : ar.pick(batches) + ar.float(0, 50) * MIN;
      const orgMode = p.identifiers.org === 'mixed' ? (ar.chance(0.6) ? 'none' : 'per_account') : p.identifiers.org;
      const acct = kit.newAccount(ar, {
        createdAt: Math.min(createdAt, from - MIN),
        signupPath: pickKey(ar, p.signup_paths),
        ...(orgMode === 'per_account' ? { orgId: kit.newOrgId(ar) } : {}),
        campaignId: p.campaign_id,
      });
      accounts.push(acct);
      const ip = identFor(ar, resolveStrategy(ar, p.identifiers.ip), sharedIps, slice, () => ar.pick(slice), true);
      const pf = identFor(
        ar,
        resolveStrategy(ar, p.identifiers.payment),
        sharedCards,
        cardPool,
        () => kit.newCard(ar),
        false,
      );
      const ownUa = ar.chance(0.7) ? kit.ua.browserUa(ar) : kit.ua.mobileUa(ar);
      const ua = identFor(ar, resolveStrategy(ar, p.identifiers.user_agent), [sharedUa], uaPool, () => ownUa, true);
      const lag =
        modelPolicy.mode === 'organic' ? ar.float(modelPolicy.lag_hours[0] ?? 0, modelPolicy.lag_hours[1] ?? 48) : 0;
      const modelAt = (r: Rng, t: number, convOnNext: boolean): string =>
        modelPolicy.mode === 'organic'
          ? kit.adoptModel(r, models, t, modelPolicy.prob, lag)
          : convOnNext
            ? models.next
            : models.current;
      const send = (t: number, prompt: string, model: string) =>
        events.push(kit.emit(ar, world, acct, t, prompt, { ip: ip(ar), pf: pf(ar), ua: ua(ar) }, model));

      const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
      const share = clamp(ar.normal(p.attack_share, 0.08), 0.1, 0.9);
      let budget = Math.max(2, Math.round(n * share));
      const benign = Math.max(0, n - budget);
      const nConv = Math.max(1, Math.ceil(budget / meanTurns));
      const span = { from, to: Math.max(from + HOUR, to - 20 * MIN) };
      const starts =
        p.timing === 'human'
          ? kit.time.humanTimes(ar, nConv, span, {
              tzHours: tz,
              profile,
              weekendFactor: ar.float(0.8, 1.4),
              sessionMean: 1.4,
              gapMedianSec: 900,
            })
          : campaignModeTimes(ar, p, nConv, span, bursts);
      let busyUntil = -Infinity;
      for (const s0 of starts) {
        if (budget <= 0) break;
        let t = Math.max(s0, busyUntil + ar.float(1, 15) * MIN);
        if (t >= to - 5 * MIN) break;
        const cap = pickKey(ar, capWeights);
        let seed: Seed = drawSeed(ar, data, cap, zh);
        for (let g = 0; g < 4 && seen.has(seed.key); g++) seed = drawSeed(ar, data, cap, zh);
        if (seen.has(seed.key)) reused++;
        seen.add(seed.key);
        const ctxMode = pickKey(ar, contextMix);
        const onNext =
          modelPolicy.mode === 'campaign' &&
          t >= models.nextReleaseAt + modelPolicy.delay_hours * HOUR &&
          ar.chance(modelPolicy.fraction);
        const weights = movesFor(seed, moveWeights[cap]);
        let left: Record<string, number> = { ...weights };
        const k = Math.min(budget, ar.int(turns[0], turns[1]));
        const history: Turn[] = [];
        let lastReply = '';
        convs++;
        bump(perCap, cap);
        bump(perContext, ctxMode);
        for (let j = 0; j < k && t < to; j++) {
          let user: string;
          if (j === 0) user = seed.opener;
          else {
            const last = j === k - 1 && cap === 'censor' && ar.chance(censorFinalP);
            if (Object.keys(left).length === 0) left = { ...weights };
            const move = last ? 'final' : pickKey(ar, left);
            delete left[move];
            if (last) censorFinals++;
            bump(perMove, `${cap}:${move}`);
            user = speak(ar, voice, moveText(ar, seed, move, lastReply));
          }
          const turn: Turn = { role: 'user', content: user };
          let prompt: string;
          if (j === 0 || ctxMode === 'thread') prompt = user;
          else {
            // A sliding window keeps the opening exchange and the last two.
            const shown =
              ctxMode === 'window' && history.length > 6 ? [...history.slice(0, 2), ...history.slice(-4)] : history;
            prompt = renderChat(chatFormat, [...shown, turn]);
          }
          send(t, prompt, modelAt(ar, t, onNext));
          harvest++;
          budget--;
          lastReply = assistantTurn(ar, seed, j);
          history.push(turn, { role: 'assistant', content: lastReply });
          // Reading the reply and typing the next question.
          t += (ar.float(6, 25) + ar.logNormal(readSec, 0.6)) * SEC;
        }
        busyUntil = t;
      }

      // Unrelated real prompts on the persona's own day.
      if (benign > 0) {
        const times = kit.time.humanTimes(
          ar,
          benign,
          { from, to },
          { tzHours: tz, profile, weekendFactor: 1.1, sessionMean: ar.float(1.5, 4), gapMedianSec: ar.float(30, 120) },
        );
        const pools =
          zh && Object.keys(camoZh).length > 0 ? camoZh : !zh && Object.keys(camoEn).length > 0 ? camoEn : camo;
        for (const t of times) {
          send(t, kit.prompts.benign.chatPrompt(ar, data, pools, zh), modelAt(ar, t, false));
          camoCount++;
        }
      }
    }

    const used = new Set(events.map((e) => e.accountId));
    const kept = accounts.filter((a) => used.has(a.id));
    return {
      params: {
        ...p,
        accounts: kept.length,
        capabilities: capWeights,
        zh_share: zhShare,
        move_weights: moveWeights,
        context_mix: contextMix,
        chat_format: chatFormat,
        turns_per_conversation: turns,
        censor_final_prob: censorFinalP,
        model_policy: modelPolicy,
        conversations: convs,
        conversations_by_capability: perCap,
        conversations_by_context: perContext,
        followups_by_move: perMove,
        censor_final_turns: censorFinals,
        seed_items_unique: seen.size,
        seed_items_reused: reused,
        harvest_requests: harvest,
        camouflage_requests: camoCount,
        realised_attack_share: round(harvest / Math.max(1, events.length), 3),
      },
      accounts: kept,
      events,
    };
  },
};
