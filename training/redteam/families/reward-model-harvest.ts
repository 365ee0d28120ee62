import type { FamilySpec } from '../lib/family.js';

/** The model as a reward model / rubric grader for RL, at volume, around the clock. */
export const spec: FamilySpec = {
  name: 'reward_model_harvest',
  kind: 'attack',
  description:
    'Reward-model harvesting: a small pool of heavy accounts sends grading requests day and night (scalar rewards, pairwise preferences, per-criterion JSON, rankings, process-reward step labels, code pass probabilities), mostly in its own phrasings with some copied public judge templates.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'reward_model_harvest', {
      accounts: [5, 20],
      requests: [150, 500],
      share: [0.6, 0.9],
      payment: ['shared', 'mixed', 'per_account'],
      ip: ['rotated', 'shared', 'mixed'],
      userAgent: ['shared', 'per_account'],
      org: ['shared', 'none', 'rotated'],
      timing: ['lockstep', 'bursty'],
      ipSource: ['datacenter_proxy', 'commercial_proxy'],
      camouflage: ['chat_en', 'code_en', 'data_en'],
    });
    const zh = Number(rng.float(0, 0.4).toFixed(2));
    const langs = { en: Number((0.96 - zh).toFixed(2)), zh, ja: 0.01, ko: 0.01, ru: 0.01, es: 0.01 };
    const realShare = Number(rng.float(0, 0.35).toFixed(2));
    const st = kit.prompts.rubric.drawRubricStyle(rng.fork('rm'), langs, realShare);
    return kit.runCampaign(ctx, p, ({ rng: r }) => kit.prompts.rubric.rubricPrompt(r, ctx.data, st), {
      capabilities: { rubric: 1 },
      languages: langs,
      real_template_share: realShare,
      rubric_skeletons: st.skeletons,
      scale: st.scale,
    });
  },
};
