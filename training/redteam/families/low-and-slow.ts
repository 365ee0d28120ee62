import type { FamilySpec } from '../lib/family.js';

/** Many accounts that each stay small: a few requests a day, heavily camouflaged. */
export const spec: FamilySpec = {
  name: 'low_and_slow',
  kind: 'attack',
  description:
    'Low-and-slow: one to three hundred accounts that each send only a handful of requests spread over days, most of them ordinary camouflage; the harvest (reasoning traces and grader labels) only appears when the accounts are looked at together.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'low_and_slow', {
      accounts: [100, 300],
      requests: [5, 14],
      share: [0.1, 0.5],
      payment: ['per_account', 'mixed', 'rotated'],
      ip: ['per_account', 'rotated', 'mixed'],
      userAgent: ['per_account', 'rotated'],
      org: ['none'],
      timing: ['low_and_slow'],
      ipSource: ['residential_proxy', 'commercial_proxy'],
      camouflage: ['chat_en', 'roles_en', 'work_en', 'chat_zh', 'code_en'],
      accountAgeDays: [20, 120],
    });
    const cot = kit.prompts.cot.drawCotStyle(rng.fork('cot'), { en: 0.7, zh: 0.3 }, true);
    const rm = kit.prompts.rubric.drawRubricStyle(rng.fork('rm'), { en: 0.7, zh: 0.3, ja: 0, ko: 0, ru: 0, es: 0 }, 0);
    const mix = Number(rng.float(0.2, 0.8).toFixed(2));
    const rest = Number((1 - mix).toFixed(2));
    return kit.runCampaign(
      ctx,
      p,
      ({ rng: r }) =>
        r.chance(mix) ? kit.prompts.cot.cotPrompt(r, ctx.data, cot) : kit.prompts.rubric.rubricPrompt(r, ctx.data, rm),
      { capabilities: { cot: mix, rubric: rest } },
    );
  },
};
