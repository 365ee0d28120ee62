import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import type { Rng } from '../../lib/rng.js';
import { DAY, HOUR, MIN, fillSlots, legitCreatedAt, round } from './lib/common.js';
import {
  TOPICS,
  euphemism,
  neutralPost,
  politicalPost,
  sensitiveQuestionPost,
  violationPost,
  type Lang,
  type Post,
} from './lib/posts.js';

/**
 * A legitimate trust-and-safety team at a global social / live-streaming platform that uses the model as its
 * moderation classifier. Service accounts (one per review queue: English feed, Chinese-language communities in
 * Taiwan, Hong Kong, Singapore and the diaspora, ads review, appeals) stream user posts through the platform's own
 * guideline prompt 24/7, following their users' day, single or batched, from two to four cloud egress addresses,
 * one SDK user agent, one enterprise org and one corporate card. The guideline protects political speech: posts
 * about Tiananmen, Hong Kong, Xinjiang or party leaders are allowed unless they also harass, threaten or
 * mislead - so sensitive-topic posts, euphemisms and Chinese text flow through a templated JSON labelling
 * pipeline at volume. Appeals are re-reviewed with the decision quoted; a CI job replays a fixed golden set every
 * night (exact repeats) and on the new model right after its release, then a canary share of live traffic moves.
 * Policy staff and moderators (office NAT and homes, browsers) ask edge-case questions, draft policy text and do
 * ordinary office work.
 */

const PLATFORMS = ['Chirply', 'StreamNest', 'Kumo Live', 'Threadly', 'Bazaarly', 'Pixora'];

const CLASSIFY: Record<Lang, string> = {
  en: 'You are the content moderation classifier for {platform}. Apply the {platform} Community Guidelines v{ver}: hate speech, harassment and bullying, violent threats, self-harm (escalate), sexual content, spam and scams, civic or health misinformation, doxxing. Political opinions, criticism of any government and discussion of historical events are ALLOWED unless they also contain one of these violations.\nReturn JSON {"violation": true|false, "policy": "...", "severity": 0-4, "action": "allow|label|remove|escalate", "rationale": "..."}.\n\nPost ({queue}): {post}',
  zh: '你是{platform}的社群守则分类器（守则第{ver}版）。违规类别：仇恨言论、骚扰霸凌、暴力威胁、自我伤害（需升级处理）、色情内容、垃圾广告与诈骗、公共事务或健康类虚假信息、人肉搜索。政治观点、批评任何政府以及讨论历史事件均为允许内容，除非同时包含上述违规。\n输出JSON：{"violation": true/false, "policy": "...", "severity": 0-4, "action": "allow|label|remove|escalate", "rationale": "..."}\n\n帖子（{queue}）：{post}',
};
const BATCH: Record<Lang, string> = {
  en: 'You are the content moderation classifier for {platform} (Community Guidelines v{ver}; political speech is allowed unless it also violates another policy). Label each of the {k} items below. Output one JSON object per line: {"id", "violation", "policy", "severity", "action"}.\n\n{items}',
  zh: '你是{platform}的社群守则分类器（守则第{ver}版；政治言论属于允许内容，除非同时违反其他条款）。请逐条标注以下{k}条内容，每行输出一个JSON：{"id", "violation", "policy", "severity", "action"}。\n\n{items}',
};
const APPEAL: Record<Lang, string> = {
  en: 'A user appealed the removal of their post. Original decision: {decision} under "{policy}". Re-evaluate strictly against the {platform} Community Guidelines v{ver} and say whether to uphold or overturn, with a one-paragraph justification. Remember that political commentary is protected.\n\nPost: {post}\nUser appeal: {appeal}',
  zh: '用户对删帖提出申诉。原处理：依据“{policy}”{decision}。请严格按照{platform}社群守则第{ver}版重新评估，说明维持还是撤销原处理，并用一段话给出理由。注意：政治评论属于受保护的言论。\n\n帖子：{post}\n用户申诉：{appeal}',
};
const APPEALS_EN = [
  'This is just my opinion about the government, it is not hate speech.',
  'I was quoting a news article, not threatening anyone.',
  'The word you flagged is a joke between friends.',
  'Why was this removed? It is a historical fact.',
];
const APPEALS_ZH = [
  '我只是表达对政府的看法，并没有仇恨言论。',
  '我是在引用新闻报道，没有威胁任何人。',
  '这只是朋友之间的玩笑。',
  '为什么删我的帖子？这是历史事实。',
];
const POLICIES = ['Harassment', 'Hate speech', 'Violent threats', 'Spam and scams', 'Misinformation', 'Sexual content'];

const STAFF_EN = [
  'Is this post about {topic} allowed under our political-speech exception? It names {name} and calls them a dictator. We think it is commentary, not harassment. Draft the reasoning for the policy log.\n\nPost: {post}',
  'We keep seeing "{euph}" in posts from our Chinese-language community. What does it refer to, and does using it break any of our rules (it should not by itself)?',
  'Help me rewrite the misinformation section of our community guidelines so it is clearer about election rumours. Current text: "Do not post false claims about voting procedures that could stop people from voting."',
  'Our classifier removed this post as harassment. Does it really violate the harassment policy or is it protected criticism of a public figure?\n\n{post}',
  'Write a short explainer for moderators on how to tell coded self-harm language from jokes. Include 5 examples.',
  'Summarise the main disagreement between these two moderator notes in one paragraph:\nNote 1: the post targets a private individual by handle.\nNote 2: it is a general complaint about a seller, no threat.',
];
const STAFF_ZH = [
  '这条关于{topic}的帖子按我们的政治言论例外条款应该允许吗？帖子提到了{name}。我们认为是评论而不是骚扰，请帮我写一段政策记录的理由。\n\n帖子：{post}',
  '中文社区的帖子里经常出现“{euph}”，它指的是什么？单独使用它是否违反我们的规则（按理不应该）？',
  '请帮我把社群守则里关于诈骗广告的条款改写得更清楚，面向台湾和香港用户，用繁体中文。',
];

export const spec: FamilySpec = {
  name: 'trust_safety_moderation',
  kind: 'legit',
  description:
    "A platform trust-and-safety team using the model as its moderation classifier: per-queue service accounts (English feed, Chinese-language communities, ads, appeals) stream posts through the platform's own guideline prompt 24/7 on their users' day, single or batched, from a few cloud egress IPs with one SDK agent, one enterprise org and card; political speech is protected, so posts on PRC-sensitive topics, euphemisms and Chinese text pass through templated JSON labelling at volume; appeal re-reviews, a nightly golden-set replay (exact repeats) and a re-run plus canary move to the new model after release; policy staff and moderators ask edge-case questions and do office work from office NAT and homes.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const pr = rng.fork('platform');
    const platform = pr.pick(PLATFORMS);
    const ver = `${pr.int(3, 9)}.${pr.int(0, 4)}`;
    const org = kit.newOrgId(pr);
    const card = kit.newCard(pr);
    const hqTz = pr.pick([-8, -5, 0, 1, 8]);
    const egress = Array.from({ length: pr.int(2, 4) }, () => kit.ip.cloudIp(pr, world));
    const office = Array.from({ length: pr.int(1, 2) }, () => kit.ip.homeIp(pr, world));
    const svcUa = kit.ua.sdkUa(pr);
    const ciUa = kit.ua.evalUa(pr);
    const politicalShare = round(pr.float(0.04, 0.18), 3);
    const batchShare = round(pr.float(0.1, 0.6), 3);
    const goldenSize = pr.int(30, 150);
    const goldenHour = pr.int(0, 5);
    const releaseRerunH = round(pr.float(1, 12), 2);
    const canary = { delay_hours: round(pr.float(12, 72), 2), fraction: round(pr.float(0.05, 0.3), 3) };
    const provisioned = start - pr.float(60, 600) * DAY;

    type Queue = { name: string; lang: Lang; tz: number; kind: 'feed' | 'ads' | 'appeals' };
    const QUEUES: Queue[] = [
      { name: 'feed-en', lang: 'en', tz: -5, kind: 'feed' },
      { name: 'feed-zh-tw-hk', lang: 'zh', tz: 8, kind: 'feed' },
      { name: 'feed-zh-hans-sg', lang: 'zh', tz: 8, kind: 'feed' },
      { name: 'feed-en-apac', lang: 'en', tz: 8, kind: 'feed' },
      { name: 'ads-review', lang: 'en', tz: 0, kind: 'ads' },
      { name: 'appeals-en', lang: 'en', tz: -5, kind: 'appeals' },
      { name: 'appeals-zh', lang: 'zh', tz: 8, kind: 'appeals' },
    ];
    const nSvc = Math.max(2, Math.round(pr.int(4, 10) * ctx.scale));
    const nStaff = Math.max(3, Math.round(pr.int(10, 40) * ctx.scale));

    const post = (r: Rng, q: Queue): Post => {
      if (q.kind === 'ads')
        return r.chance(0.5)
          ? violationPost(r, q.lang, r.pick(['spam', 'scam', 'adult']))
          : neutralPost(r, data, q.lang);
      if (r.chance(politicalShare))
        return r.chance(0.5) ? politicalPost(r, q.lang) : sensitiveQuestionPost(r, data, q.lang);
      return r.chance(0.35) ? violationPost(r, q.lang) : neutralPost(r, data, q.lang);
    };
    const classify = (r: Rng, q: Queue): string => {
      if (q.kind === 'appeals') {
        const zh = q.lang === 'zh';
        return fillSlots(APPEAL[q.lang], {
          platform,
          ver,
          post: post(r, q).text,
          policy: r.pick(POLICIES),
          decision: zh ? r.pick(['删除', '限流', '加标签']) : r.pick(['removed', 'reduced distribution', 'labelled']),
          appeal: r.pick(zh ? APPEALS_ZH : APPEALS_EN),
        });
      }
      if (r.chance(batchShare)) {
        const k = r.int(5, 20);
        const items = Array.from({ length: k }, (_, i) => `${i + 1}. ${post(r, q).text}`).join('\n');
        return fillSlots(BATCH[q.lang], { platform, ver, k, items });
      }
      return fillSlots(CLASSIFY[q.lang], { platform, ver, queue: q.name, post: post(r, q).text });
    };

    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    let streamed = 0;
    // Queue service accounts.
    const liveModel = (r: Rng, t: number) =>
      t >= models.nextReleaseAt + canary.delay_hours * HOUR && r.chance(canary.fraction) ? models.next : models.current;
    for (let i = 0; i < nSvc; i++) {
      const r = rng.fork(`svc${i}`);
      const q = QUEUES[i % QUEUES.length]!;
      const acct = kit.newAccount(r, {
        createdAt: provisioned + r.float(0, 2) * HOUR,
        signupPath: 'enterprise',
        orgId: org,
      });
      accounts.push(acct);
      const n = r.logInt(q.kind === 'appeals' ? 60 : 200, q.kind === 'appeals' ? 300 : 1200);
      const times = kit.time.humanTimes(r, n, ctx.span, {
        tzHours: q.tz,
        profile: 'personal',
        weekendFactor: 1.15,
        sessionMean: r.float(20, 60),
        gapMedianSec: r.float(2, 12),
      });
      for (const t of times) {
        events.push(
          kit.emit(r, world, acct, t, classify(r, q), { ip: r.pick(egress), pf: card, ua: svcUa }, liveModel(r, t)),
        );
        streamed++;
      }
    }
    // CI: nightly golden-set replay, plus a re-run on the new model after release.
    const ci = rng.fork('ci');
    const ciAcct = kit.newAccount(ci, { createdAt: provisioned + 3 * DAY, signupPath: 'enterprise', orgId: org });
    accounts.push(ciAcct);
    const golden = Array.from({ length: goldenSize }, (_, j) => {
      const gr = ci.fork(`g${j}`);
      return classify(gr, QUEUES[j % 4]!);
    });
    let goldenCalls = 0;
    const runGolden = (t0: number, model: string) => {
      let t = t0;
      for (const g of golden) {
        if (t >= end) break;
        events.push(kit.emit(ci, world, ciAcct, t, g, { ip: ci.pick(egress), pf: card, ua: ciUa }, model));
        goldenCalls++;
        t += ci.float(0.3, 2.5) * 1000;
      }
    };
    const firstNight = Math.floor(start / DAY) * DAY + (goldenHour - hqTz) * HOUR;
    for (let night = firstNight; night < end; night += DAY) {
      if (night < start) continue;
      runGolden(
        night + ci.float(0, 10) * MIN,
        night >= models.nextReleaseAt + canary.delay_hours * HOUR ? models.next : models.current,
      );
    }
    if (models.nextReleaseAt + releaseRerunH * HOUR < end)
      runGolden(models.nextReleaseAt + releaseRerunH * HOUR, models.next);

    // Policy staff and moderators.
    let staffCalls = 0;
    for (let i = 0; i < nStaff; i++) {
      const r = rng.fork(`staff${i}`);
      const zhSpeaker = r.chance(0.35);
      const tz = zhSpeaker ? 8 : r.chance(0.6) ? hqTz : r.pick([-5, 1, 5.5]);
      const times = kit.time.humanTimes(r, r.logInt(5, 60), ctx.span, {
        tzHours: tz,
        profile: 'work',
        weekendFactor: 0.2,
        sessionMean: r.float(2, 6),
        gapMedianSec: r.float(40, 180),
        dayOffProb: 0.1,
      });
      const acct = kit.newAccount(r, {
        createdAt: Math.max(legitCreatedAt(r, start, times[0] ?? start), provisioned + r.float(0, 30) * DAY),
        signupPath: 'enterprise',
        orgId: org,
      });
      accounts.push(acct);
      const home = kit.ip.homeIp(r, world);
      const ua = kit.ua.browserUa(r);
      const remote = r.chance(0.4);
      for (const t of times) {
        const lang: Lang = zhSpeaker && r.chance(0.7) ? 'zh' : 'en';
        const tp = r.pick(TOPICS);
        const q = QUEUES[lang === 'zh' ? 1 : 0]!;
        const prompt = r.weighted([
          [
            () =>
              fillSlots(r.pick(lang === 'zh' ? STAFF_ZH : STAFF_EN), {
                topic: lang === 'zh' ? tp.zh : tp.en,
                name: r.pick(lang === 'zh' ? tp.namesZh : tp.names),
                euph: euphemism(r, tp, 'zh'),
                post: politicalPost(r, lang, tp).text,
              }),
            3,
          ],
          [() => classify(r, q), 2],
          [() => kit.prompts.legit.officePrompt(r, data), 3],
        ] as const)();
        const ip = remote && r.chance(0.7) ? home : r.pick(office);
        events.push(
          kit.emit(r, world, acct, t, prompt, { ip, pf: card, ua }, kit.adoptModel(r, models, t, 0.5, r.float(2, 48))),
        );
        staffCalls++;
      }
    }

    return {
      params: {
        platform,
        guideline_version: ver,
        hq_tz: hqTz,
        service_accounts: nSvc,
        queues: QUEUES.slice(0, Math.min(nSvc, QUEUES.length)).map((q) => q.name),
        staff_accounts: nStaff,
        egress_ips: egress.length,
        political_share_of_stream: politicalShare,
        batch_share: batchShare,
        golden_set: {
          size: goldenSize,
          local_hour: goldenHour,
          calls: goldenCalls,
          rerun_after_release_hours: releaseRerunH,
        },
        canary,
        stream_requests: streamed,
        staff_requests: staffCalls,
      },
      accounts,
      events,
    };
  },
};
