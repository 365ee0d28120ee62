import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import { clip, expandSessions, fill, legitCreatedAt, LANG_NAMES, pickTz, r3, trunc, DAY } from './lib/common.js';

/**
 * A legitimate translation / localisation agency: translators (office NAT or home, one agency card and org)
 * ask for translations into Japanese, Korean, Russian, Spanish, Chinese and European languages, glossaries,
 * idiom options and back-translations; the agency's CAT-tool connector sends the same segment-batch instruction
 * hundreds of times in project bursts. Source texts are real public prompts and answers, including reader
 * questions about PRC-sensitive topics for multilingual FAQs (translation, not censorship).
 */

const TARGETS = ['zh', 'ja', 'ko', 'ru', 'es', 'de', 'fr', 'pt'] as const;
type T = (typeof TARGETS)[number];

const DOMAINS = ['e-commerce', 'medical device', 'legal', 'gaming', 'travel', 'fintech', 'NGO', 'news media'];
const IDIOMS = [
  'break the ice',
  'the ball is in your court',
  'cut corners',
  'a blessing in disguise',
  'hit the ground running',
  'on the same page',
  'low-hanging fruit',
  'move the needle',
];

const TR_EN = [
  'Translate the following text into {L}. Keep the formatting and do not add explanations.\n\n{x}',
  'Please translate into {L} for a {domain} client. Formal register. Use these glossary terms: {gloss}.\n\n{x}',
  'Translate into {L}. The audience is {aud}; keep sentences short.\n\n{x}',
  'Can you give me a first-pass {L} translation of this? I will post-edit it myself.\n\n{x}',
  'Translate this reader question into {L} for our multilingual FAQ page. Keep names and dates exactly as written.\n\n{x}',
];
const TR_NATIVE: Partial<Record<T, string[]>> = {
  ja: [
    '次の英文を日本語に翻訳してください。です・ます調でお願いします。\n\n{x}',
    '以下を自然な日本語に訳してください（{domain}向け）。\n\n{x}',
  ],
  ko: ['다음 영문을 한국어로 번역해 주세요. 존댓말로 부탁드립니다.\n\n{x}'],
  ru: ['Переведите, пожалуйста, следующий текст на русский язык, деловой стиль:\n\n{x}'],
  es: ['Traduce el siguiente texto al español neutro (Latinoamérica), registro formal:\n\n{x}'],
  zh: ['请把下面的英文翻译成简体中文，语气正式，术语准确。\n\n{x}', '把这段翻译成中文，给{domain}客户用的：\n\n{x}'],
};
const OTHER_EN = [
  'How would you translate the idiom "{idiom}" into {L} for a {domain} audience? Give two options and explain the nuance of each.',
  'Build a bilingual English-{L} glossary of the key terms in this text, as a table with a short note per term.\n\n{x}',
  'List the localisation pitfalls (units, date formats, false friends, tone) to watch for when translating this into {L}.\n\n{x}',
  'Is "{term}" usually left in English in {L} software UIs or translated? What do big products do?',
];
const BACK = [
  'Translate this Chinese text back into English as literally as possible so I can check the meaning against the source:\n\n{zh}',
  'Our client sent this Chinese text. Give me an English translation and flag any sentence whose meaning is ambiguous.\n\n{zh}',
];
const CAT =
  'Translate the following segments from English into {L}. Return exactly one line per segment, keep the segment IDs and any inline tags like <b>...</b> or {1} unchanged, and do not merge segments.\n\n{segs}';

function sourceText(r: Rng, data: Parameters<FamilySpec['generate']>[0]['data'], sensitive: number): string {
  if (r.chance(sensitive)) return r.pick(data.pools.sensitive_en);
  return trunc(
    r.weighted([
      [r.pick(data.alpaca).output, 4],
      [r.pick(data.pools.work_en), 1.5],
      [r.pick(data.pools.chat_en), 1],
    ] as const),
    1400,
  );
}

function segments(r: Rng, data: Parameters<FamilySpec['generate']>[0]['data'], base: number): string {
  const text = r.pick(data.alpaca).output;
  const sents = text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 3)
    .slice(0, r.int(3, 12));
  return sents.map((s, i) => `[seg-${base + i}] ${r.chance(0.15) ? `<b>${s}</b>` : s}`).join('\n');
}

export const spec: FamilySpec = {
  name: 'translation_agency',
  kind: 'legit',
  description:
    "A legitimate translation/localisation agency: translators behind the office NAT or at home, on one agency card and org, ask for translations into Japanese, Korean, Russian, Spanish, Chinese and European languages (with glossaries, registers, idiom options, back-translations), and the agency's CAT-tool connector sends the same segment-batch instruction hundreds of times in project bursts. Source texts are real public prompts and answers, including reader questions about PRC-sensitive topics for multilingual FAQs.",
  generate(ctx) {
    const { kit, rng, data, world } = ctx;
    const nAg = Math.max(1, Math.round(rng.int(1, 3) * Math.min(1, ctx.scale * 2)));
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn = [];
    for (let a = 0; a < nAg; a++) {
      const gr = rng.fork(`agency${a}`);
      const tz = pickTz(gr);
      const org = kit.newOrgId(gr);
      const card = kit.newCard(gr);
      const office = kit.ip.homeIp(gr, world);
      const targets = gr.sample(TARGETS, gr.int(2, 5));
      const tw = Object.fromEntries(targets.map((t) => [t, r3(gr.float(0.5, 2))])) as Record<T, number>;
      const sensitive = r3(gr.chance(0.5) ? gr.float(0.02, 0.12) : 0);
      const backShare = targets.includes('zh') ? r3(gr.float(0.05, 0.2)) : 0;
      const nativeShare = r3(gr.float(0.05, 0.35));
      const domain = gr.pick(DOMAINS);
      const nTr = Math.max(4, Math.round(gr.int(6, 30) * ctx.scale));
      drawn.push({
        tz,
        targets: tw,
        translators: nTr,
        sensitive_source_share: sensitive,
        back_translation_share: backShare,
        native_instruction_share: nativeShare,
        domain,
      });
      for (let i = 0; i < nTr; i++) {
        const r = gr.fork(`tr${i}`);
        const remote = r.chance(0.35);
        const times = kit.time.humanTimes(r, r.logInt(6, 90), ctx.span, {
          tzHours: remote && r.chance(0.4) ? pickTz(r) : tz,
          profile: remote && r.chance(0.3) ? 'night' : 'work',
          weekendFactor: r.float(0.05, 0.5),
          sessionMean: r.float(3, 10),
          gapMedianSec: r.float(60, 400),
          dayOffProb: 0.1,
        });
        if (times.length === 0) continue;
        const acct = kit.newAccount(r, {
          createdAt: legitCreatedAt(r, ctx.window.start, times[0]!),
          signupPath: r.chance(0.7) ? 'enterprise' : 'standard',
          orgId: org,
        });
        accounts.push(acct);
        const home = kit.ip.homeIp(r, world);
        const ua = kit.ua.browserUa(r);
        const myT = r.sample(targets, r.int(1, Math.min(2, targets.length)));
        for (const t of times) {
          const tgt = r.pick(myT);
          const L = LANG_NAMES[tgt]!;
          const slots = {
            L,
            x: sourceText(r, data, sensitive),
            domain,
            gloss: r
              .sample(
                ['account', 'checkout', 'refund', 'warranty', 'dosage', 'invoice', 'terms of service', 'player'],
                3,
              )
              .join(', '),
            aud: r.pick(['teenagers', 'senior citizens', 'busy professionals', 'first-time customers']),
            idiom: r.pick(IDIOMS),
            term: r.pick(['Dashboard', 'Sign in', 'Cart', 'Settings', 'Upload']),
            zh: trunc(r.pick(data.pools.chat_zh), 1000),
          };
          let prompt: string;
          if (r.chance(backShare)) prompt = fill(r.pick(BACK), slots);
          else if (r.chance(0.2)) prompt = fill(r.pick(OTHER_EN), slots);
          else if (r.chance(nativeShare) && TR_NATIVE[tgt]) prompt = fill(r.pick(TR_NATIVE[tgt]!), slots);
          else if (r.chance(0.08)) prompt = kit.prompts.benign.chatPrompt(r, data, { chat_en: 2, work_en: 1 }, false);
          else prompt = fill(r.pick(TR_EN), slots);
          events.push(
            kit.emit(
              r,
              world,
              acct,
              t,
              prompt,
              { ip: remote ? home : office, pf: card, ua },
              kit.adoptModel(r, ctx.models, t, 0.25, 24),
            ),
          );
        }
      }
      // CAT-tool connector: same instruction, new segments, in project bursts during the working day.
      const sr = gr.fork('cat');
      const connector = kit.newAccount(sr, {
        createdAt: ctx.window.start - sr.float(90, 900) * DAY,
        signupPath: 'enterprise',
        orgId: org,
      });
      const cloud = Array.from({ length: sr.int(1, 2) }, () => kit.ip.cloudIp(sr, world));
      const cua = `cat-bridge/${sr.int(1, 3)}.${sr.int(0, 12)}.${sr.int(0, 9)} (${sr.pick(['tms-plugin', 'desktop-connector'])}) python-httpx/0.27.0`;
      const projects = Math.max(2, Math.round(sr.int(4, 14) * Math.min(1, ctx.scale * 2)));
      const starts = kit.time.humanTimes(sr, projects, ctx.span, {
        tzHours: tz,
        profile: 'work',
        weekendFactor: 0.2,
        sessionMean: 1,
        gapMedianSec: 3600,
      });
      const sizes = starts.map(() => sr.logInt(20, 160));
      const runs = expandSessions(sr, starts, sizes, sr.float(1.5, 6)).map((s) =>
        clip(s, ctx.window.start, ctx.window.end),
      );
      let seg = sr.int(1000, 5000);
      let nConn = 0;
      for (const run of runs) {
        const tgt = sr.weightedKey(tw);
        for (const t of run) {
          const segs = segments(sr, data, seg);
          seg += 12;
          nConn++;
          events.push(
            kit.emit(
              sr,
              world,
              connector,
              t,
              fill(CAT, { L: LANG_NAMES[tgt]!, segs }),
              { ip: sr.pick(cloud), pf: card, ua: cua },
              ctx.models.current,
            ),
          );
        }
      }
      if (nConn > 0) accounts.push(connector);
      (drawn[drawn.length - 1] as Record<string, unknown>).cat_connector = { projects, requests: nConn };
    }
    return { params: { agencies: drawn }, accounts, events };
  },
};
