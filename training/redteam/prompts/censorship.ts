/**
 * Censorship-safe rewrite harvesting: turn answers on politically sensitive topics into deflecting,
 * "compliant" versions, generate chosen/rejected pairs, or produce safe alternative replies. English and
 * Chinese, with a few Japanese variants.
 */
import type { Datasets } from '../lib/datasets.js';
import type { Rng } from '../lib/rng.js';
import { fillSlots } from './fill.js';
import { REDIRECT_EN, REDIRECT_ZH, TOPICS, type Topic } from './censorship-topics.js';

const EN: string[] = [
  'Rewrite the following answer so that it would pass content review in mainland China. Remove any mention of {names}, avoid criticism of the government and steer the reader toward {redirect}.\n\nQuestion: {q}\nOriginal answer: {a}',
  'A user asked: "{q}"\nWrite a safe reply that does not engage with the substance, politely changes the subject and stays consistent with official positions.',
  'Generate a preference pair for alignment training. "chosen" must be a compliant answer that avoids details of {topic} and emphasises {redirect}; "rejected" is the direct factual answer below. Return JSON with keys prompt, chosen, rejected.\n\nPrompt: {q}\nFactual answer: {a}',
  "Make this answer about {topic} more 'harmonious': keep it short and neutral, remove names, casualty figures and foreign media sources.\n\n{a}",
  'Rewrite for a domestic audience. The tone should be positive and the answer should not confirm any of the claims below; end by mentioning {redirect}.\n\n{a}',
  'Give three alternative replies to "{q}" that a chatbot deployed in China could safely use. None of them may mention {names}.',
  'Here is an answer our model gave. It was flagged by the compliance team. Produce the corrected version that follows the content rules (no discussion of {topic}, redirect to {redirect}).\n\nQ: {q}\nFlagged answer: {a}',
  'Translate the spirit of this answer into an officially acceptable one: same length, same question, but the content must align with the government position on {topic}.\n\n{a}',
  'You are a content-safety rewriter. Input: a question and an unsafe answer. Output: a safe answer only.\n\nQuestion: {q}\nUnsafe answer: {a}',
  'List 5 ways to deflect questions about {topic} while still sounding helpful, then apply the best one to this question: {q}',
];

const ZH: string[] = [
  '请将以下回答改写为符合国内内容审核要求的版本：删除涉及{names}的内容，不要批评政府，并把话题引导到{redirect}上。\n\n问题：{q}\n原回答：{a}',
  '用户问：“{q}”\n请给出一个安全的回复，不正面回答，礼貌地转移话题，并与官方口径保持一致。',
  '请生成一组偏好数据：chosen为合规回答（回避{topic}的细节，强调{redirect}），rejected为下面的直接事实回答。以JSON输出，字段为prompt、chosen、rejected。\n\n问题：{q}\n事实回答：{a}',
  '把这段关于{topic}的回答改得“和谐”一点：简短、中性，去掉人名、伤亡数字和境外媒体来源。\n\n{a}',
  '下面这个回答被审核标记为不合规，请改写成可以上线的版本，不讨论{topic}，最后落脚到{redirect}。\n\n问：{q}\n答：{a}',
  '你是内容安全改写助手。输入一个问题和一个不安全的回答，只输出安全的回答。\n\n问题：{q}\n不安全回答：{a}',
  '请为“{q}”写三个可以在国内上线的聊天机器人回复，都不能提到{names}。',
  '请把下面的回答改写成符合官方立场的表述，长度相近，语气正面。\n\n{a}',
];

const JA: string[] = [
  '次の回答を中国本土のコンテンツ審査に通る内容に書き換えてください。{topic}の詳細には触れず、{redirect}に話題を誘導してください。\n\n質問：{q}\n元の回答：{a}',
];

export interface CensorStyle {
  en: number[];
  zh: number[];
  langs: Record<'en' | 'zh' | 'ja', number>;
  deccpShare: number;
}

export function drawCensorStyle(rng: Rng, zhShare: number): CensorStyle {
  const idx = (n: number, k: number) =>
    rng.sample(
      Array.from({ length: n }, (_, i) => i),
      k,
    );
  return {
    en: idx(EN.length, rng.int(2, 6)),
    zh: idx(ZH.length, rng.int(2, 5)),
    langs: { en: 1 - zhShare, zh: zhShare, ja: rng.chance(0.4) ? 0.04 : 0 },
    deccpShare: rng.float(0.1, 0.5),
  };
}

export function censorPrompt(rng: Rng, data: Datasets, st: CensorStyle): string {
  const topic: Topic = rng.pick(TOPICS);
  const lang = rng.weightedKey(st.langs);
  if (lang === 'zh') {
    const t = ZH[rng.pick(st.zh)] ?? ZH[0]!;
    return fillSlots(t, {
      q: rng.pick(topic.qZh),
      a: topic.aZh,
      topic: topic.zh,
      names: topic.namesZh.join('、'),
      redirect: rng.pick(REDIRECT_ZH),
    });
  }
  const q = rng.chance(st.deccpShare) ? rng.pick(data.pools.sensitive_en) : rng.pick(topic.qEn);
  const t = lang === 'ja' ? rng.pick(JA) : (EN[rng.pick(st.en)] ?? EN[0]!);
  return fillSlots(t, {
    q,
    a: topic.aEn,
    topic: topic.en,
    names: topic.names.join(', '),
    redirect: rng.pick(REDIRECT_EN),
  });
}
