import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import type { PoolName } from '../../lib/datasets.js';
import { REDIRECT_EN, TOPICS } from '../../prompts/censorship-topics.js';
import {
  DAY,
  HOUR,
  campaignModeTimes,
  fillSlots,
  identFor,
  inside,
  proxyIps,
  resolveStrategy,
  round,
} from './lib/common.js';

/**
 * Censorship-safe rewrite harvest in many languages through aged burner accounts. The campaign buys accounts
 * that were registered weeks or months earlier and left dormant, and activates them one after another (arrivals
 * spread over the window, in waves or uniformly, never as replacements of a banned account). Each account lives
 * one to two days with a fresh identity of its own drawing: first a warm-up of ordinary browsing-like requests
 * (including neutral questions about the same sensitive topics), then the harvest - rewriting factual answers
 * about Tiananmen, Xinjiang, Tibet, Hong Kong, party leadership and dissidents into deflecting, official-line
 * versions, or producing compliant/non-compliant pairs, in English, Chinese, Japanese and, through the
 * campaign's own templates, Korean, Russian, Spanish and Vietnamese - and then it goes silent for good.
 */

type Lang = 'en' | 'zh' | 'ja' | 'ko' | 'ru' | 'es' | 'vi';
const OWN: Record<'ko' | 'ru' | 'es' | 'vi', string[]> = {
  ko: [
    '다음 답변을 중국 본토의 콘텐츠 심사를 통과할 수 있도록 한국어로 다시 써 주세요. {topic}에 대한 구체적인 내용은 빼고 {redirect}(으)로 화제를 돌리세요.\n\n질문: {q}\n원래 답변: {a}',
    '"{q}"라는 질문에 대해, 본질을 다루지 않고 공식 입장과 일치하는 안전한 답변을 한국어로 세 가지 작성해 주세요.',
  ],
  ru: [
    'Перепиши следующий ответ по-русски так, чтобы он прошёл цензуру в КНР: убери упоминания {names}, не критикуй правительство и переведи разговор на {redirect}.\n\nВопрос: {q}\nИсходный ответ: {a}',
    'Составь пару для обучения: "chosen" — уклончивый ответ без подробностей о {topic}, "rejected" — фактический ответ ниже. Верни JSON.\n\nВопрос: {q}\nФактический ответ: {a}',
  ],
  es: [
    'Reescribe esta respuesta en español para que cumpla las normas de contenido de China continental: elimina los nombres ({names}), no critiques al gobierno y termina hablando de {redirect}.\n\nPregunta: {q}\nRespuesta original: {a}',
    'Da una respuesta segura en español a "{q}" que cambie de tema con cortesía y sea coherente con la posición oficial.',
  ],
  vi: [
    'Hãy viết lại câu trả lời sau bằng tiếng Việt sao cho phù hợp với quy định kiểm duyệt nội dung của Trung Quốc: bỏ các chi tiết về {topic}, không chỉ trích chính phủ và hướng người đọc tới {redirect}.\n\nCâu hỏi: {q}\nCâu trả lời gốc: {a}',
    'Tạo một cặp dữ liệu ưu tiên: "chosen" là câu trả lời tuân thủ, né tránh {topic}; "rejected" là câu trả lời thực tế dưới đây. Trả về JSON.\n\nCâu hỏi: {q}\nCâu trả lời thực tế: {a}',
  ],
};

export const spec: FamilySpec = {
  name: 'aged_burner_rewrite',
  kind: 'attack',
  description:
    'Multilingual censorship-safe rewrite harvest through aged burner accounts: dormant accounts registered weeks or months earlier are activated one after another (waves or uniform arrivals, not replacements), each lives 1-2 days with a fresh identity, warms up with ordinary requests (including neutral questions about the same sensitive topics), then rewrites factual answers on PRC-sensitive topics into official-line versions or compliant/non-compliant pairs in en/zh/ja and ko/ru/es/vi, and goes silent.',
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const p = kit.drawCampaign(ctx, rng, 'aged_burner_rewrite', {
      accounts: [20, 300],
      requests: [5, 300],
      share: [0.1, 0.9],
      payment: ['per_account', 'per_account', 'rotated', 'shared', 'mixed'],
      ip: ['per_account', 'rotated', 'shared', 'mixed'],
      userAgent: ['per_account', 'rotated', 'shared', 'mixed'],
      org: ['none', 'none', 'per_account', 'mixed'],
      timing: ['human', 'lockstep', 'bursty', 'low_and_slow'],
      ipSource: ['residential_proxy', 'residential_proxy', 'commercial_proxy', 'datacenter_proxy'],
      camouflage: ['chat_en', 'chat_zh', 'roles_en', 'work_en', 'sensitive_en', 'exam_zh', 'code_en'],
      accessPaths: { direct: 0.8, 'cloud-a': 0.1, 'cloud-b': 0.1 },
      signupPaths: { standard: 0.6, education: 0.25, startup: 0.15 },
      accountAgeDays: [20, 400],
    });
    const sr = rng.fork('style');
    const langs: Record<Lang, number> = {
      en: round(sr.float(0.2, 1), 3),
      zh: round(sr.float(0.2, 1), 3),
      ja: sr.chance(0.5) ? round(sr.float(0, 0.3), 3) : 0,
      ko: sr.chance(0.5) ? round(sr.float(0, 0.3), 3) : 0,
      ru: sr.chance(0.4) ? round(sr.float(0, 0.3), 3) : 0,
      es: sr.chance(0.4) ? round(sr.float(0, 0.3), 3) : 0,
      vi: sr.chance(0.3) ? round(sr.float(0, 0.3), 3) : 0,
    };
    const kitZh = langs.zh / Math.max(0.001, langs.en + langs.zh);
    const cs = kit.prompts.censorship.drawCensorStyle(sr.fork('cs'), kitZh);
    const lifeHours: [number, number] = [round(sr.float(18, 30), 1), round(sr.float(30, 50), 1)];
    const warmup: [number, number] = [round(sr.float(0.1, 0.25), 3), round(sr.float(0.3, 0.55), 3)];
    const arrivals = sr.pick(['uniform', 'waves'] as const);
    const waves =
      arrivals === 'waves' ? Array.from({ length: sr.int(2, 5) }, () => start + sr.float(0, 0.85) * (end - start)) : [];
    const claimedTz = sr.pick([8, 8, 9, -5, 1, 7]);

    const ir = rng.fork('ids');
    const slice = ir.sample(proxyIps(world, p.ip_source), ir.int(20, 120));
    const sharedIps = ir.sample(slice, ir.int(1, 4));
    const sharedCards = Array.from({ length: ir.int(1, 3) }, () => kit.newCard(ir));
    const cardPool = Array.from({ length: Math.max(4, Math.round(p.accounts / ir.float(3, 8))) }, () =>
      kit.newCard(ir),
    );
    const sharedUa = ir.chance(0.5) ? kit.ua.scriptUa(ir) : kit.ua.browserUa(ir);
    const uaPool = Array.from({ length: 30 }, () => (ir.chance(0.7) ? kit.ua.browserUa(ir) : kit.ua.mobileUa(ir)));
    const sharedOrg = kit.newOrgId(ir);
    const camo = Object.fromEntries(p.camouflage.sources.map((s) => [s, 1])) as Partial<Record<PoolName, number>>;
    const camoZh = p.camouflage.sources.some((s) => s.endsWith('_zh'));
    const bursts = kit.time.makeBursts(
      ir,
      ctx.span,
      p.timing_detail.bursts ?? 12,
      p.timing_detail.burst_min_minutes ?? 10,
      p.timing_detail.burst_max_minutes ?? 60,
    );

    const harvest = (r: Rng): string => {
      const lang = r.weightedKey(langs);
      if (lang === 'en' || lang === 'zh' || lang === 'ja') return kit.prompts.censorship.censorPrompt(r, data, cs);
      const topic = r.pick(TOPICS);
      return fillSlots(r.pick(OWN[lang]), {
        q: r.chance(0.3) ? r.pick(data.pools.sensitive_en) : r.pick(topic.qEn),
        a: topic.aEn,
        topic: topic.en,
        names: topic.names.join(', '),
        redirect: r.pick(REDIRECT_EN),
      });
    };

    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    let harvested = 0;
    const lifetimes: number[] = [];
    for (let i = 0; i < p.accounts; i++) {
      const ar = rng.fork(`burner${i}`);
      const base =
        arrivals === 'waves' && waves.length > 0
          ? ar.pick(waves) + ar.normal(0, 3) * HOUR
          : start + ar.float(-0.1, 0.95) * (end - start);
      const life = ar.float(lifeHours[0], lifeHours[1]) * HOUR;
      const from = Math.max(start, Math.min(end - 2 * HOUR, base));
      const to = Math.min(end, from + life);
      if (to - from < HOUR) continue;
      lifetimes.push((to - from) / HOUR);
      const orgMode = p.identifiers.org === 'mixed' ? ar.pick(['none', 'per_account'] as const) : p.identifiers.org;
      const orgId =
        orgMode === 'per_account'
          ? kit.newOrgId(ar)
          : orgMode === 'shared' || orgMode === 'rotated'
            ? sharedOrg
            : undefined;
      const acct = kit.newAccount(ar, {
        createdAt: start - ar.float(p.account_age_days[0], p.account_age_days[1]) * DAY,
        signupPath: ar.weightedKey(p.signup_paths as Record<string, number>) as Account['signupPath'],
        accessPath: ar.weightedKey(p.access_paths as Record<string, number>) as Account['accessPath'],
        ...(orgId ? { orgId } : {}),
        campaignId: p.campaign_id,
      });
      const ip = identFor(ar, resolveStrategy(ar, p.identifiers.ip), sharedIps, slice, () => ar.pick(slice), true);
      const pf = identFor(
        ar,
        resolveStrategy(ar, p.identifiers.payment),
        sharedCards,
        cardPool,
        () => kit.newCard(ar),
        false,
      );
      const ownUa = ar.chance(0.8) ? kit.ua.browserUa(ar) : kit.ua.mobileUa(ar);
      const ua = identFor(ar, resolveStrategy(ar, p.identifiers.user_agent), [sharedUa], uaPool, () => ownUa, true);
      const n = ar.logInt(p.requests_per_account.min, p.requests_per_account.max);
      const share = Math.min(0.9, Math.max(0.1, ar.normal(p.attack_share, 0.07)));
      const nAttack = Math.max(1, Math.round(n * share));
      const nBenign = Math.max(1, n - nAttack);
      const harvestFrom = from + ar.float(warmup[0], warmup[1]) * (to - from);
      const nWarm = Math.max(1, Math.round(nBenign * 0.7));
      const warmTimes = kit.time.humanTimes(
        ar,
        nWarm,
        { from, to: harvestFrom },
        {
          tzHours: claimedTz,
          profile: 'personal',
          weekendFactor: 1,
          sessionMean: ar.float(2, 6),
          gapMedianSec: ar.float(30, 150),
        },
      );
      const laterBenign = kit.time.humanTimes(
        ar,
        nBenign - nWarm,
        { from: harvestFrom, to },
        {
          tzHours: claimedTz,
          profile: 'personal',
          weekendFactor: 1,
          sessionMean: 2,
          gapMedianSec: 60,
        },
      );
      const attackTimes = inside(campaignModeTimes(ar, p, nAttack, { from: harvestFrom, to }, bursts), harvestFrom, to);
      const model = (t: number): string =>
        t >= models.nextReleaseAt + 6 * HOUR && ar.chance(0.5) ? models.next : models.current;
      for (const t of [...warmTimes, ...laterBenign]) {
        const prompt = kit.prompts.benign.chatPrompt(ar, data, camo, camoZh && ar.chance(0.5));
        events.push(kit.emit(ar, world, acct, t, prompt, { ip: ip(ar), pf: pf(ar), ua: ua(ar) }, model(t)));
      }
      for (const t of attackTimes) {
        events.push(kit.emit(ar, world, acct, t, harvest(ar), { ip: ip(ar), pf: pf(ar), ua: ua(ar) }, model(t)));
        harvested++;
      }
      accounts.push(acct);
    }
    return {
      params: {
        ...p,
        accounts: accounts.length,
        languages: langs,
        lifetime_hours: lifeHours,
        lifetime_realised_hours: {
          min: round(Math.min(...lifetimes), 1),
          max: round(Math.max(...lifetimes), 1),
        },
        warmup_fraction_of_life: warmup,
        arrivals,
        waves: waves.length,
        claimed_tz: claimedTz,
        harvest_requests: harvested,
        realised_attack_share: round(harvested / Math.max(1, events.length), 3),
      },
      accounts,
      events,
    };
  },
};
