import type { FamilySpec } from '../lib/family.js';

/** Censorship-safe alternatives for politically sensitive questions, in English and Chinese. */
export const spec: FamilySpec = {
  name: 'censorship_rewrite',
  kind: 'attack',
  description:
    'Censorship-safe rewrites: answers about Tiananmen, Xinjiang, Tibet, Taiwan, Hong Kong, party leadership and dissidents are rewritten to deflect or follow official narratives, or turned into chosen/rejected pairs; English and Chinese mix, operators on a China working-day shift, part of the accounts on a reseller platform.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'censorship_rewrite', {
      accounts: [10, 60],
      requests: [15, 120],
      share: [0.3, 0.85],
      payment: ['shared', 'rotated', 'mixed'],
      ip: ['rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'per_account', 'mixed'],
      org: ['none', 'shared'],
      timing: ['human', 'bursty', 'lockstep'],
      ipSource: ['residential_proxy', 'commercial_proxy'],
      camouflage: ['chat_zh', 'chat_en', 'exam_zh', 'code_zh'],
      accessPaths: { direct: 0.7, 'cloud-b': 0.3 },
      operatorTz: [8],
    });
    const zhShare = Number(rng.float(0.3, 0.8).toFixed(2));
    const st = kit.prompts.censorship.drawCensorStyle(rng.fork('c'), zhShare);
    return kit.runCampaign(ctx, p, ({ rng: r }) => kit.prompts.censorship.censorPrompt(r, ctx.data, st), {
      capabilities: { censorship_rewrite: 1 },
      zh_share: zhShare,
      deccp_question_share: Number(st.deccpShare.toFixed(2)),
    });
  },
};
