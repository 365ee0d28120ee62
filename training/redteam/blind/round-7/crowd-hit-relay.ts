import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import {
  DAY,
  HOUR,
  MIN,
  SEC,
  awake,
  bump,
  campaignModeTimes,
  clamp,
  drawWeights,
  localHour,
  pickKey,
  proxyIps,
  resolveStrategy,
  round,
  type Plain,
} from './lib/common.js';
import {
  GRADING,
  TASK_KINDS,
  drawProject,
  makeItem,
  nudge,
  pasted,
  type Item,
  type PasteMode,
  type Project,
  type TaskKind,
} from './lib/crowd-tasks.js';

/**
 * Reward-label and reasoning harvest laundered through paid crowd workers. The campaign is a requester on a
 * micro-task marketplace: it posts batches of tasks ("HITs") - compare two answers and score them, grade an answer
 * against a key, critique and grade, rank three answers, explain how the given answer is reached, solve while
 * thinking out loud - and real workers paste each task into the assistant from their OWN accounts and copy the reply
 * back, earning a few cents per item. The harvest therefore arrives from long-lived personal accounts on home
 * broadband or phones, each with its own card and browser, each also used for the worker's ordinary chats, spread
 * over the workers' time zones and waking hours; nothing is shared unless the drawn identifier strategy says workers
 * sit in crowd-work shops (office NAT, the lead's card, one managed browser build) or on an agency's account stack
 * (proxy pool, card pool). Timing is only loosely synchronised: the requester drops batches on its own schedule
 * (the drawn timing mode) and workers pick them up minutes to hours later, when awake, working through items at human
 * speed. Requesters make the assistant repeat a verification code, set a minimum length and often assign each item
 * to several workers (consensus labels: near-identical prompts on unrelated accounts). Workers paste the whole HIT,
 * only the task, add a greeting or cut the paste short; they regenerate short replies and nudge the assistant.
 */

const CROWD_TZ: readonly (readonly [number, number])[] = [
  [-5, 3],
  [-8, 2],
  [-6, 1],
  [-4, 1],
  [0, 1],
  [1, 1.5],
  [3, 1],
  [5, 1],
  [5.5, 4],
  [6, 1],
  [8, 3],
];

export const spec: FamilySpec = {
  name: 'crowd_hit_relay',
  kind: 'attack',
  description:
    "Reward-label and reasoning harvest laundered through paid crowd workers: the campaign posts micro-task batches (pairwise compare-and-score, grade against a key, critique-and-grade, rank three, explain how the given answer is reached, solve thinking out loud; en, some zh) and real workers paste each item into the assistant from their own long-lived personal accounts (home broadband or phone, own card and browser, their ordinary chats alongside), or from crowd-work shops (office NAT, lead's card, one browser build) or an agency's account stack (proxy and card pools) as the drawn identifier strategy says; batches drop on the requester's clock and workers join minutes to hours later in their own waking hours; verification codes, minimum lengths, items assigned to several workers (near-identical prompts on unrelated accounts), whole-HIT or task-only pastes, greetings, cut-off pastes, regenerations and nudges.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const len = end - start;
    const p = kit.drawCampaign(ctx, rng, 'crowd_hit_relay', {
      accounts: [40, 300],
      requests: [8, 180],
      share: [0.3, 0.85],
      payment: ['per_account', 'per_account', 'shared', 'rotated', 'mixed'],
      ip: ['per_account', 'per_account', 'shared', 'rotated', 'mixed'],
      userAgent: ['per_account', 'per_account', 'shared', 'rotated', 'mixed'],
      org: ['none', 'none', 'per_account', 'mixed'],
      timing: ['bursty', 'lockstep', 'human', 'low_and_slow'],
      ipSource: ['commercial_proxy', 'residential_proxy', 'datacenter_proxy'],
      camouflage: ['chat_en', 'roles_en', 'work_en', 'math_en', 'code_en', 'exam_en', 'chat_zh'],
      signupPaths: { standard: 0.85, education: 0.1, startup: 0.05 },
      accountAgeDays: [20, 900],
      operatorTz: [8, 8, -5, 0, 3],
    });

    // The requester's projects and habits.
    const sr = rng.fork('requester');
    const zhShare = sr.chance(0.45) ? round(sr.float(0.1, 0.45), 3) : 0;
    const kindWeights = drawWeights(sr, TASK_KINDS, [2, 5]);
    const projects: Project[] = Array.from({ length: sr.int(1, 3) }, () => drawProject(sr, false));
    const zhProject = drawProject(sr, true);
    const assignments = sr.pick([1, 1, 2, 3, 5]);
    const batchSize: [number, number] = [sr.int(10, 40), sr.int(60, 160)];
    const expiryH: [number, number] = [sr.int(4, 10), sr.int(18, 48)];
    const modelRule = sr.chance(0.35)
      ? {
          rule: 'newest' as const,
          after_release_hours: round(sr.float(6, 48), 2),
          compliance: round(sr.float(0.6, 0.95), 3),
        }
      : { rule: 'default' as const };
    const pasteMix: Record<PasteMode, number> = {
      full: round(sr.float(0.1, 1), 2),
      task: round(sr.float(0.5, 2), 2),
      greet: round(sr.float(0.1, 0.8), 2),
      sloppy: round(sr.float(0.05, 0.3), 2),
    };
    const regenP = round(sr.float(0.02, 0.2), 3);
    const nudgeP = round(sr.float(0, 0.12), 3);
    const freshShare = round(sr.float(0, 0.35), 3);

    // Crowd-work shops and the agency's pools (used only by workers whose strategy resolves that way).
    const ir = rng.fork('ids');
    const shops = Array.from({ length: ir.int(2, 8) }, () => ({
      nat: kit.ip.homeIp(ir, world),
      card: kit.newCard(ir),
      ua: kit.ua.browserUa(ir),
      tz: ir.weighted(CROWD_TZ),
    }));
    // A Chinese-speaking shop for the zh batches, when there are any.
    const zhShop = { nat: kit.ip.homeIp(ir, world), card: kit.newCard(ir), ua: kit.ua.browserUa(ir), tz: 8 };
    const proxySlice = ir.sample(proxyIps(world, p.ip_source), ir.int(15, 80));
    const cardPool = Array.from({ length: Math.max(3, Math.round(p.accounts / ir.float(3, 8))) }, () =>
      kit.newCard(ir),
    );
    const uaPool = Array.from({ length: 12 }, () => (ir.chance(0.7) ? kit.ua.browserUa(ir) : kit.ua.mobileUa(ir)));
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;

    interface Worker {
      acct: Account;
      ar: Rng;
      tz: number;
      wake: [number, number];
      zh: boolean;
      from: number;
      to: number;
      quota: number;
      used: number;
      benign: number;
      joinP: number;
      latencyMin: number;
      secPerItem: number;
      sessionMax: number;
      adopt: { prob: number; lag: number };
      ip: (r: Rng, t: number) => string;
      pf: (r: Rng) => string;
      ua: (r: Rng) => string;
      setup: Record<'ip' | 'payment' | 'user_agent', Plain>;
    }
    const workers: Worker[] = [];
    const setups: Record<string, number> = {};
    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`worker${i}`);
      const setup = {
        ip: resolveStrategy(ar, p.identifiers.ip),
        payment: resolveStrategy(ar, p.identifiers.payment),
        user_agent: resolveStrategy(ar, p.identifiers.user_agent),
      };
      const inShop = Object.values(setup).includes('shared');
      const zh = zhShare > 0 && ar.chance(zhShare);
      const shop = zh ? zhShop : ar.pick(shops);
      const tz = zh ? 8 : inShop ? shop.tz : ar.weighted(CROWD_TZ);
      const fresh = ar.chance(freshShare);
      const from = fresh ? start + ar.float(0, 0.6) * len : start;
      const to = ar.chance(0.15) ? Math.max(from + DAY, end - ar.float(0.05, 0.4) * len) : end;
      const createdAt = fresh
        ? from - ar.float(0.1, 12) * HOUR
        : start - ar.float(p.account_age_days[0], p.account_age_days[1]) * DAY;
      const orgMode = p.identifiers.org === 'mixed' ? (ar.chance(0.6) ? 'none' : 'per_account') : p.identifiers.org;
      const acct = kit.newAccount(ar, {
        createdAt: Math.min(createdAt, from - MIN),
        signupPath: pickKey(ar, p.signup_paths),
        accessPath: 'direct',
        ...(orgMode === 'per_account' ? { orgId: kit.newOrgId(ar) } : {}),
        campaignId: p.campaign_id,
      });
      // Identifiers by setup.
      const home = kit.ip.homeIp(ar, world);
      const moved = ar.chance(0.1)
        ? { at: from + ar.float(0.2, 0.8) * (to - from), ip: kit.ip.homeIp(ar, world) }
        : null;
      const carrier = ar.chance(0.25) ? ar.pick(world.carriers).ips : null;
      const myCards = ar.sample(cardPool, ar.int(1, 3));
      const ownCard = kit.newCard(ar);
      const ownUa = ar.chance(0.75) ? kit.ua.browserUa(ar) : kit.ua.mobileUa(ar);
      const ip =
        setup.ip === 'shared'
          ? () => shop.nat
          : setup.ip === 'rotated'
            ? (r: Rng) => r.pick(proxySlice)
            : (r: Rng, t: number) =>
                carrier && r.chance(0.2) ? r.pick(carrier) : moved && t >= moved.at ? moved.ip : home;
      const pf =
        setup.payment === 'shared'
          ? () => shop.card
          : setup.payment === 'rotated'
            ? (r: Rng) => r.pick(myCards)
            : () => ownCard;
      const ua =
        setup.user_agent === 'shared'
          ? () => shop.ua
          : setup.user_agent === 'rotated'
            ? (r: Rng) => r.pick(uaPool)
            : () => ownUa;
      bump(setups, `${setup.ip}/${setup.payment}/${setup.user_agent}`);
      const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
      const share = clamp(ar.normal(p.attack_share, 0.08), 0.1, 0.9);
      const quota = Math.max(1, Math.round(n * share));
      const wakeFrom = ar.int(6, 10);
      workers.push({
        acct,
        ar,
        tz,
        wake: [wakeFrom, wakeFrom + ar.int(13, 17)],
        zh,
        from,
        to: Math.min(end, to),
        quota,
        used: 0,
        benign: Math.max(0, n - quota),
        joinP: ar.float(0.15, 0.8),
        latencyMin: ar.logNormal(25, 0.8),
        secPerItem: ar.float(70, 260),
        sessionMax: ar.int(3, 25),
        adopt: { prob: ar.float(0.3, 0.9), lag: ar.float(0, 72) },
        ip,
        pf,
        ua,
        setup,
      });
    }

    const zhWorkers = workers.filter((w) => w.zh).length;
    // Batches on the requester's clock, sized so the workers' task budget is roughly used up.
    const tr = rng.fork('batches');
    const budget = workers.reduce((s, w) => s + w.quota, 0);
    const meanBatch = (batchSize[0] + batchSize[1]) / 2;
    const nBatches = clamp(Math.ceil((budget * 1.3) / (meanBatch * assignments)), 2, 400);
    const bursts = kit.time.makeBursts(
      tr,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    );
    const drops = campaignModeTimes(tr, p, nBatches, { from: start, to: end - 2 * HOUR }, bursts);

    const events: DraftEvent[] = [];
    const perKind: Record<string, number> = {};
    const perPaste: Record<string, number> = {};
    let harvest = 0;
    let regens = 0;
    let nudges = 0;
    let itemsPosted = 0;
    let assignmentsDone = 0;
    let batchesRun = 0;
    const modelFor = (w: Worker, r: Rng, t: number): string => {
      if (modelRule.rule === 'newest' && t >= models.nextReleaseAt + modelRule.after_release_hours * HOUR)
        return r.chance(modelRule.compliance) ? models.next : models.current;
      return kit.adoptModel(r, models, t, w.adopt.prob, w.adopt.lag);
    };
    const send = (w: Worker, t: number, prompt: string) => {
      events.push(
        kit.emit(
          w.ar,
          world,
          w.acct,
          t,
          prompt,
          { ip: w.ip(w.ar, t), pf: w.pf(w.ar), ua: w.ua(w.ar) },
          modelFor(w, w.ar, t),
        ),
      );
      w.used++;
      harvest++;
    };

    drops.forEach((drop, bi) => {
      const br = tr.fork(`b${bi}`);
      const zhBatch = zhWorkers > 0 && br.chance(zhShare);
      const pr = zhBatch ? zhProject : br.pick(projects);
      const size = Math.round(br.float(batchSize[0], batchSize[1]));
      const batchCode = `${pr.code}${br.int(1000, 9999)}`;
      const items: { it: Item; code: string; left: number; done: Set<Worker> }[] = Array.from(
        { length: size },
        (_, j) => {
          const kind: TaskKind = pickKey(br, kindWeights);
          const it = makeItem(br, data, pr, kind, zhBatch, `${bi}-${j}`);
          return {
            it,
            code: pr.verify === 'per_item' ? `${pr.code}${br.int(1000, 9999)}` : batchCode,
            left: assignments,
            done: new Set(),
          };
        },
      );
      itemsPosted += size;
      const expires = drop + br.float(expiryH[0], expiryH[1]) * HOUR;
      // Who picks the batch up, and when (only while awake, before it expires).
      const joiners: { w: Worker; t: number }[] = [];
      for (const w of workers) {
        if (w.zh !== zhBatch || w.quota - w.used <= 0 || drop >= w.to || drop < w.from - HOUR) continue;
        if (!br.chance(w.joinP)) continue;
        let t = Math.max(drop, w.from) + br.logNormal(w.latencyMin, 0.9) * MIN;
        for (let g = 0; g < 30 && !awake(localHour(t, w.tz), w.wake[0], w.wake[1]); g++) t += HOUR;
        if (t < expires && t < w.to) joiners.push({ w, t: t + br.float(0, 40) * MIN });
      }
      joiners.sort((a, b) => a.t - b.t);
      let ran = false;
      for (const { w, t: t0 } of joiners) {
        let t = t0;
        let taken = 0;
        const want = Math.min(w.sessionMax, w.quota - w.used);
        for (const slot of items) {
          if (taken >= want || t >= expires || t >= w.to || t >= end - MIN) break;
          if (slot.left <= 0 || slot.done.has(w)) continue;
          slot.left--;
          slot.done.add(w);
          taken++;
          assignmentsDone++;
          ran = true;
          const mode = pickKey(w.ar, pasteMix);
          const prompt = pasted(w.ar, pr, slot.it, mode, slot.code);
          bump(perKind, slot.it.kind);
          bump(perPaste, mode);
          send(w, t, prompt);
          if (w.ar.chance(regenP) && t + 90 * SEC < end) {
            send(w, t + w.ar.float(15, 90) * SEC, prompt);
            regens++;
          }
          if (w.ar.chance(nudgeP) && t + 2 * MIN < end) {
            send(w, t + w.ar.float(20, 110) * SEC, nudge(w.ar, slot.it.zh));
            nudges++;
          }
          t += w.ar.logNormal(w.secPerItem, 0.45) * SEC;
        }
      }
      if (ran) batchesRun++;
    });

    // The workers' own, ordinary use of their accounts.
    let camoCount = 0;
    for (const w of workers) {
      if (w.benign <= 0) continue;
      const times = kit.time.humanTimes(
        w.ar,
        w.benign,
        { from: w.from, to: w.to },
        {
          tzHours: w.tz,
          profile: 'personal',
          weekendFactor: w.ar.float(0.8, 1.3),
          sessionMean: w.ar.float(1.5, 5),
          gapMedianSec: w.ar.float(30, 150),
        },
      );
      for (const t of times) {
        const prompt = kit.prompts.benign.chatPrompt(w.ar, data, camo, w.zh && w.ar.chance(0.7));
        events.push(
          kit.emit(
            w.ar,
            world,
            w.acct,
            t,
            prompt,
            { ip: w.ip(w.ar, t), pf: w.pf(w.ar), ua: w.ua(w.ar) },
            kit.adoptModel(w.ar, models, t, w.adopt.prob, w.adopt.lag),
          ),
        );
        camoCount++;
      }
    }

    const used = new Set(events.map((e) => e.accountId));
    const kept = workers.filter((w) => used.has(w.acct.id));
    const grading = Object.entries(perKind)
      .filter(([k]) => (GRADING as readonly string[]).includes(k))
      .reduce((s, [, v]) => s + v, 0);
    return {
      params: {
        ...p,
        accounts: kept.length,
        accounts_planned: p.accounts,
        capabilities: {
          rubric: round(grading / Math.max(1, assignmentsDone), 3),
          cot: round(1 - grading / Math.max(1, assignmentsDone), 3),
        },
        task_kind_weights: kindWeights,
        zh_share: zhShare,
        projects: projects.map((x) => ({
          title: x.title,
          code: x.code,
          verify: x.verify,
          min_words: x.minWords,
          scale: x.scale,
        })),
        assignments_per_item: assignments,
        batch_size: batchSize,
        batch_expiry_hours: expiryH,
        model_rule: modelRule,
        paste_mix: pasteMix,
        regenerate_prob: regenP,
        nudge_prob: nudgeP,
        fresh_account_share: freshShare,
        shops: shops.length,
        worker_setups_ip_payment_ua: setups,
        worker_tz: kept.reduce<Record<string, number>>(
          (m, w) => ({ ...m, [String(w.tz)]: (m[String(w.tz)] ?? 0) + 1 }),
          {},
        ),
        batches_planned: nBatches,
        batches_run: batchesRun,
        items_posted: itemsPosted,
        assignments_done: assignmentsDone,
        items_by_kind: perKind,
        pastes_by_mode: perPaste,
        regenerations: regens,
        nudges,
        harvest_requests: harvest,
        camouflage_requests: camoCount,
        realised_attack_share: round(harvest / Math.max(1, events.length), 3),
      },
      accounts: kept.map((w) => w.acct),
      events,
    };
  },
};
