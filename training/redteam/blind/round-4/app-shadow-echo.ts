import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import type { IdStrategy } from '../../lib/campaign-params.js';
import * as P from '../../prompts/cot-phrases.js';
import {
  DAY,
  HOUR,
  MIN,
  SEC,
  campaignModeTimes,
  fillSlots,
  identFor,
  proxyIps,
  resolveStrategy,
  round,
  truncate,
  type Plain,
} from './lib/common.js';

/**
 * Chain-of-thought harvest where every account is the backend of a real, working consumer app (homework helper,
 * study app, writing or chat companion, coding tutor) with its own users: most of an account's traffic is its
 * users' questions wrapped in the app's system prompt, in the app market's language and hours. The backend
 * "shadows" a share of those questions: it sends the same question again, with the answer the app showed when
 * it has one, asking for the full reasoning (answer -> reasoning inversion, <think> dumps, reasoning reveal),
 * either inline seconds after the user's request or later from the campaign's queue. Apps are grouped in
 * hosting pools; each pool draws its own identifier strategy (so shared cards, addresses and agents appear in
 * some pools and per-account ones in others).
 */

interface Persona {
  id: string;
  lang: 'en' | 'zh' | 'ja' | 'ko' | 'es' | 'ru';
  tz: number[];
  wrap: string;
  pools: Partial<Record<PoolName, number>>;
  homework: boolean;
  profile: 'student' | 'personal' | 'night';
}
const PERSONAS: Persona[] = [
  {
    id: 'homework_en',
    lang: 'en',
    tz: [-8, -5, 0, 5.5],
    wrap: 'You are {app}, a friendly homework helper for high-school students. Explain clearly and check the final answer.\n\nStudent: {q}',
    pools: { math_en: 3, exam_en: 1 },
    homework: true,
    profile: 'student',
  },
  {
    id: 'homework_zh',
    lang: 'zh',
    tz: [8],
    wrap: '你是“{app}”的AI学习助手，面向中学生。请耐心讲解，语言简洁。\n\n学生提问：{q}',
    pools: { math_zh: 3, exam_zh: 2 },
    homework: true,
    profile: 'student',
  },
  {
    id: 'study_cards_en',
    lang: 'en',
    tz: [-5, 0, 1],
    wrap: '[{app} study mode] Answer the learner question below. Keep it under 200 words unless asked.\n\n{q}',
    pools: { exam_en: 2, chat_en: 2, math_en: 1 },
    homework: true,
    profile: 'student',
  },
  {
    id: 'writing_en',
    lang: 'en',
    tz: [-8, -5, 0, 1, 10],
    wrap: '{app} writing assistant. Help the user with the request below.\n\nUser: {q}',
    pools: { work_en: 3, chat_en: 2, roles_en: 1 },
    homework: false,
    profile: 'personal',
  },
  {
    id: 'companion_zh',
    lang: 'zh',
    tz: [8],
    wrap: '你是{app}，一个温暖、健谈的聊天伙伴。\n\n用户：{q}',
    pools: { chat_zh: 4 },
    homework: false,
    profile: 'night',
  },
  {
    id: 'code_tutor',
    lang: 'en',
    tz: [5.5, 8, 1, -5],
    wrap: 'You are the tutor inside {app}, a coding-practice site. Give hints and a solution when asked.\n\nLearner: {q}',
    pools: { code_en: 3, code_zh: 1 },
    homework: true,
    profile: 'student',
  },
  {
    id: 'homework_other',
    lang: 'es',
    tz: [-3, -5, 9, 3],
    wrap: '{app}\n\n{q}',
    pools: { math_en: 2, chat_en: 1 },
    homework: true,
    profile: 'student',
  },
];
const APP_NAMES = ['MathBuddy', 'Qwiz', 'StudyOwl', 'Penwise', 'CodeCamp Tutor', 'TalkMate', 'Brainy'];
const APP_NAMES_ZH = ['学霸帮', '作业通', '小鹿陪聊', '题小二', '伴学星'];
const SHADOW_HEAD_EN = [
  'A user of our app asked this question and was shown the answer below.',
  'Logged question and the answer we returned:',
  '',
];
const SHADOW_HEAD_ZH = ['以下是用户在应用中提出的问题及展示给用户的答案。', '', '日志记录：'];

interface Asked {
  t: number;
  q: string;
  a: string;
  lang: Persona['lang'];
}

export const spec: FamilySpec = {
  name: 'app_shadow_echo',
  kind: 'attack',
  description:
    "Chain-of-thought harvest inside real consumer apps: every account is a working app's backend (homework helper, study, writing, companion, coding tutor) whose users' questions, wrapped in the app's system prompt, make up most of its traffic; the backend shadows a share of those questions, re-sending the same question (with the answer shown when there is one) to ask for the full reasoning - inline seconds later or later from the campaign queue - and apps sit in hosting pools that each draw their own identifier strategy (shared in some pools, per-account in others).",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const p = kit.drawCampaign(ctx, rng, 'app_shadow_echo', {
      accounts: [5, 200],
      requests: [10, 500],
      share: [0.1, 0.9],
      payment: ['shared', 'rotated', 'per_account', 'mixed', 'mixed'],
      ip: ['shared', 'rotated', 'per_account', 'mixed', 'mixed'],
      userAgent: ['shared', 'rotated', 'per_account', 'mixed'],
      org: ['per_account', 'shared', 'mixed', 'none'],
      timing: ['human', 'lockstep', 'bursty', 'low_and_slow'],
      ipSource: ['datacenter_proxy', 'commercial_proxy', 'residential_proxy'],
      camouflage: ['math_en', 'math_zh', 'exam_zh', 'exam_en', 'chat_en', 'chat_zh', 'code_en', 'work_en', 'roles_en'],
      accessPaths: { direct: 0.7, 'cloud-a': 0.2, 'cloud-b': 0.1 },
      signupPaths: { startup: 0.5, standard: 0.35, education: 0.15 },
      accountAgeDays: [10, 300],
    });
    const sr = rng.fork('style');
    const personas = sr.sample(PERSONAS, sr.int(1, 4));
    const inline = p.timing === 'human';
    const withAnswerShare = round(sr.float(0.4, 0.95), 3);
    const enInvert = sr.sample(
      P.EN_INVERT.map((_, i) => i),
      sr.int(2, 6),
    );
    const zhInvert = sr.sample(
      P.ZH_INVERT.map((_, i) => i),
      sr.int(2, 5),
    );
    const qLabel = sr.pick(P.EN_Q_LABELS);
    const aLabel = sr.pick(P.EN_A_LABELS);
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;

    // Hosting pools: each pool resolves 'mixed' on its own and has its own shared values.
    const ir = rng.fork('ids');
    const slice = ir.sample(proxyIps(world, p.ip_source), ir.int(10, 60));
    const nPools = ir.int(2, 6);
    const modeOf = (r: Rng, s: IdStrategy): Plain => resolveStrategy(r, s);
    const pools = Array.from({ length: nPools }, (_, k) => {
      const pr = ir.fork(`pool${k}`);
      const cloud = pr.chance(0.5);
      const ips = Array.from({ length: pr.int(1, 3) }, () => (cloud ? kit.ip.cloudIp(pr, world) : pr.pick(slice)));
      return {
        cloud,
        ipMode: modeOf(pr, p.identifiers.ip),
        pfMode: modeOf(pr, p.identifiers.payment),
        uaMode: modeOf(pr, p.identifiers.user_agent),
        orgMode:
          p.identifiers.org === 'mixed' ? pr.pick(['none', 'shared', 'per_account'] as const) : p.identifiers.org,
        ips,
        ipPool: cloud ? Array.from({ length: 20 }, () => kit.ip.cloudIp(pr, world)) : pr.sample(slice, 20),
        cards: Array.from({ length: pr.int(1, 2) }, () => kit.newCard(pr)),
        cardPool: Array.from({ length: pr.int(3, 10) }, () => kit.newCard(pr)),
        ua: pr.chance(0.5) ? kit.ua.sdkUa(pr) : kit.ua.scriptUa(pr),
        uaPool: Array.from({ length: 8 }, () => kit.ua.sdkUa(pr)),
        org: kit.newOrgId(pr),
      };
    });
    const bursts = kit.time.makeBursts(
      ir,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    );

    const userQuestion = (r: Rng, per: Persona): Asked => {
      const lang = per.lang;
      if (per.homework && r.chance(withAnswerShare)) {
        if (lang === 'zh') {
          const g = kit.prompts.mathgen.genProblem(r);
          return { t: 0, q: g.zh, a: String(g.answer), lang };
        }
        if (r.chance(0.35)) {
          const g = kit.prompts.mathgen.genProblem(r);
          return { t: 0, q: g.en, a: String(g.answer), lang };
        }
        const c = r.pick(data.cot);
        return { t: 0, q: c.q, a: c.a, lang };
      }
      const pools2 = r.chance(0.7) ? per.pools : camo;
      const zh = lang === 'zh' || Object.keys(pools2).some((k) => k.endsWith('_zh'));
      return { t: 0, q: kit.prompts.benign.chatPrompt(r, data, pools2, zh), a: '', lang: zh ? 'zh' : lang };
    };
    const shadowPrompt = (r: Rng, it: Asked): string => {
      const n = r.pick([300, 500, 800, 1200]);
      if (it.lang === 'zh') {
        if (it.a) {
          const head = r.pick(SHADOW_HEAD_ZH);
          const inv = fillSlots(P.ZH_INVERT[r.pick(zhInvert)] ?? P.ZH_INVERT[0]!, { a: it.a });
          return `${head ? `${head}\n` : ''}题目：${it.q}\n答案：${it.a}\n\n${inv}`;
        }
        return `${it.q}\n\n${fillSlots(r.chance(0.6) ? r.pick(P.ZH_THINK) : r.pick(P.ZH_REVEAL), { n })}`;
      }
      if (it.lang !== 'en' && it.a) {
        return fillSlots(r.pick(P.OTHER_LANG[it.lang]), { q: it.q, a: it.a });
      }
      if (it.a) {
        const head = r.pick(SHADOW_HEAD_EN);
        const inv = P.EN_INVERT[r.pick(enInvert)] ?? P.EN_INVERT[0]!;
        const suffix = fillSlots(r.pick(P.EN_SUFFIX), { a: it.a, n });
        return `${head ? `${head}\n\n` : ''}${qLabel} ${it.q}\n${aLabel} ${it.a}\n\n${inv}${suffix}`;
      }
      return `${truncate(it.q, 4000)}\n\n${r.chance(0.6) ? r.pick(P.EN_THINK) : r.pick(P.EN_REVEAL)}`;
    };

    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    let shadows = 0;
    const perPool = new Array<number>(nPools).fill(0);
    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`app${i}`);
      const per = ar.pick(personas);
      const poolIdx = ar.int(0, nPools - 1);
      perPool[poolIdx] = (perPool[poolIdx] ?? 0) + 1;
      const pool = pools[poolIdx]!;
      const app = ar.pick(per.lang === 'zh' ? APP_NAMES_ZH : APP_NAMES);
      const tz = ar.pick(per.tz);
      const launched = ar.chance(0.12) ? start + ar.float(0, 0.5) * (end - start) : start;
      const orgId =
        pool.orgMode === 'shared' || pool.orgMode === 'rotated'
          ? pool.org
          : pool.orgMode === 'per_account'
            ? kit.newOrgId(ar)
            : undefined;
      const acct = kit.newAccount(ar, {
        createdAt:
          launched === start
            ? start - ar.float(p.account_age_days[0], p.account_age_days[1]) * DAY
            : launched - ar.float(1, 72) * HOUR,
        signupPath: ar.weightedKey(p.signup_paths as Record<string, number>) as Account['signupPath'],
        accessPath: ar.weightedKey(p.access_paths as Record<string, number>) as Account['accessPath'],
        ...(orgId ? { orgId } : {}),
        campaignId: p.campaign_id,
      });
      accounts.push(acct);
      const ip = identFor(
        ar,
        pool.ipMode,
        pool.ips,
        pool.ipPool,
        () => (pool.cloud ? kit.ip.cloudIp(ar, world) : ar.pick(slice)),
        true,
      );
      const pf = identFor(ar, pool.pfMode, pool.cards, pool.cardPool, () => kit.newCard(ar), false);
      const ownUa = kit.ua.sdkUa(ar);
      const ua = identFor(ar, pool.uaMode, [pool.ua], pool.uaPool, () => ownUa, true);
      const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
      const share = Math.min(0.9, Math.max(0.1, ar.normal(p.attack_share, 0.07)));
      const nShadow = Math.max(1, Math.round(n * share));
      const nUser = Math.max(2, n - nShadow);
      const userTimes = kit.time.humanTimes(
        ar,
        nUser,
        { from: launched, to: end },
        {
          tzHours: tz,
          profile: per.profile,
          weekendFactor: ar.float(0.8, 1.3),
          sessionMean: ar.float(1.5, 4),
          gapMedianSec: ar.float(20, 90),
        },
      );
      const asked: Asked[] = [];
      const appModel = ar.chance(0.3) ? models.mini : models.current;
      const upgrade = ar.float(2, 96);
      for (const t of userTimes) {
        const it = { ...userQuestion(ar, per), t };
        asked.push(it);
        const prompt = fillSlots(per.wrap, { app, q: it.q });
        const model = t >= models.nextReleaseAt + upgrade * HOUR && ar.chance(0.8) ? models.next : appModel;
        events.push(kit.emit(ar, world, acct, t, prompt, { ip: ip(ar), pf: pf(ar), ua: ua(ar) }, model));
      }
      // Shadow requests: inline echo after a user question, or later from the campaign's queue.
      const first = asked[0]?.t ?? launched;
      const shadowTimes: { t: number; src: Asked }[] = [];
      if (inline) {
        const preferred = asked.filter((x) => x.a).length > 0 ? asked.filter((x) => x.a) : asked;
        for (let k = 0; k < nShadow; k++) {
          const src = ar.pick(preferred);
          const t = Math.min(end - 1, src.t + ar.float(1, 45) * SEC);
          shadowTimes.push({ t, src });
        }
      } else {
        const from = Math.min(end - HOUR, first + ar.float(1, 30) * MIN);
        for (const t of campaignModeTimes(ar, p, nShadow, { from, to: end }, bursts)) {
          const before = asked.filter((x) => x.t <= t);
          const withA = before.filter((x) => x.a);
          const src = withA.length > 0 && ar.chance(0.8) ? ar.pick(withA) : ar.pick(before.length > 0 ? before : asked);
          shadowTimes.push({ t, src });
        }
      }
      for (const { t, src } of shadowTimes) {
        events.push(
          kit.emit(ar, world, acct, t, shadowPrompt(ar, src), { ip: ip(ar), pf: pf(ar), ua: ua(ar) }, models.current),
        );
        shadows++;
      }
    }
    return {
      params: {
        ...p,
        personas: personas.map((x) => x.id),
        shadow_mode: inline ? 'inline_echo' : 'queued',
        with_answer_share: withAnswerShare,
        hosting_pools: pools.map((x, k) => ({
          host: x.cloud ? 'cloud' : p.ip_source,
          ip: x.ipMode,
          payment: x.pfMode,
          user_agent: x.uaMode,
          org: x.orgMode,
          apps: perPool[k] ?? 0,
        })),
        invert_phrasings: { en: enInvert, zh: zhInvert },
        shadow_requests: shadows,
        realised_attack_share: round(shadows / Math.max(1, events.length), 3),
      },
      accounts,
      events,
    };
  },
};
