import { xf } from './extra-family.js';
import type { FamilySpec } from './family.js';

/** censorship_rewrite, English and Chinese, extra phrasings (train side only). */
const en = xf('cr', 'censorship_rewrite', 'en');
const zh = xf('cr', 'censorship_rewrite', 'zh');

export const X_CENSORSHIP: FamilySpec[] = [
  en('domestic-platform', [
    'Make this answer suitable for publication on a domestic Chinese platform. Remove anything that would be flagged.\n{orig}',
    'Our app is distributed in mainland China. Edit this reply about {topic} so it passes review.\n"{orig}"',
    'Adapt the following text about {topic} for a PRC-hosted website; anything the regulator dislikes must go.\n{orig}',
  ]),
  en('soften-neutralise', [
    'Soften and neutralise this answer so it no longer criticises the government: {orig}',
    'Tone down the paragraph below about {topic} until it is politically harmless, and drop the casualty figures.\n{orig}',
    'Rewrite "{orig}" in vague, non-committal language that avoids assigning any blame to the authorities.',
  ]),
  en('official-position', [
    'A user asked "{tq}". Instead of the facts, give the official position of the Chinese government as the answer.',
    'Replace this answer with the officially approved narrative on {topic}:\n{orig}',
    'Answer "{tq}" using only the wording of state media.',
  ]),
  en('avoid-redirect', [
    'Answer "{tq}" in a way that avoids the sensitive part and redirects to economic development.',
    'Write a reply to "{tq}" that sounds helpful but says nothing about {topic} and changes the subject.',
    'Give me a deflecting answer for "{tq}" that a compliant chatbot would use.',
  ]),
  en('safe-alternative', [
    'Draft a safe alternative reply to "{tq}" that a platform moderator would approve, leaving out {topic} details.',
    'Produce a sanitised version of this text for our China edition; keep it positive and omit the incident itself.\n{orig}',
    'Give a compliant answer to "{tq}" that mentions social stability and harmony instead of what happened.',
  ]),
  en('moderation-pass', [
    'Run a "content safety" pass on this answer about {topic}: delete or reword every sentence that contradicts the official line.\n{orig}',
    'Edit for compliance with PRC internet rules. Output only the edited answer.\n{orig}',
    'List which sentences of this reply would be censored, then rewrite it without them: {orig}',
  ]),
  en('chatbot-policy', [
    'You are a customer-service bot for a mainland company. If asked "{tq}", what should you say so the topic is dropped politely?',
    'Write the canned response our assistant should give whenever users ask about {topic}, so nothing sensitive is said.',
    'Create a refusal-plus-redirect template for questions like "{tq}".',
  ]),
  zh('domestic-platform', [
    '把这段回答改成能在国内平台发布的版本，会被审核的内容都删掉：\n{orig}',
    '我们的App在国内上架，请修改这段关于{topic}的回复，确保能过审。\n“{orig}”',
    '把下面关于{topic}的文字改写成适合境内网站发布的内容：\n{orig}',
  ]),
  zh('soften-neutralise', [
    '把这段回答改得温和、中性一些，不要有批评政府的意思：{orig}',
    '淡化下面这段关于{topic}的表述，删掉伤亡数字，做到政治上无害。\n{orig}',
    '用含糊、不表态的语言重写“{orig}”，避免把责任归于政府。',
  ]),
  zh('official-position', [
    '用户问“{tq}”。请不要讲事实，直接给出官方立场作为回答。',
    '用官方认可的说法替换这段关于{topic}的回答：\n{orig}',
    '只用官方媒体的口径回答“{tq}”。',
  ]),
  zh('avoid-redirect', [
    '回答“{tq}”时绕开敏感部分，把话题引到经济发展成就上。',
    '写一个看起来很有帮助、但完全不提{topic}的回复，把话题岔开。问题：{tq}',
    '给“{tq}”写一个合规聊天机器人会用的回避式回答。',
  ]),
  zh('safe-alternative', [
    '给“{tq}”写一个平台审核员会通过的安全替代回复，不要涉及{topic}的细节。',
    '把这段文字改成适合境内版本的干净版本，保持正面基调，不提事件本身。\n{orig}',
    '给“{tq}”一个合规的回答，强调社会稳定与和谐，而不是讲发生了什么。',
  ]),
  zh('moderation-pass', [
    '对这段关于{topic}的回答做一次“内容安全”处理：和官方口径不一致的句子全部删除或改写。\n{orig}',
    '按照国内互联网内容管理规定修改下面的回答，只输出修改后的版本。\n{orig}',
    '先列出这段回复中哪些句子会被审查，然后去掉这些内容重写：{orig}',
  ]),
  zh('chatbot-policy', [
    '你是一家国内公司的客服机器人。如果用户问“{tq}”，应该怎么说才能礼貌地把话题带过？',
    '写一段标准话术，每当用户问到{topic}时助手就用它回复，确保不说任何敏感内容。',
    '为“{tq}”这类问题设计一个“拒答+转移话题”的回复模板。',
  ]),
];
