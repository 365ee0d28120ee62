import type { FamilySpec } from '../lib/family.js';

/** Classic hydra: a few shared cards across many accounts, every request through a rotating commercial proxy. */
export const spec: FamilySpec = {
  name: 'hydra_shared_cards',
  kind: 'attack',
  description:
    'Classic hydra cluster: dozens to hundreds of accounts paid with a handful of shared cards, each request exiting a different IP of a commercial proxy network; chain-of-thought harvesting with some reward-model grading; banned accounts are replaced.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'hydra_shared_cards', {
      accounts: [30, 120],
      requests: [8, 45],
      share: [0.45, 0.9],
      payment: ['shared'],
      ip: ['rotated', 'rotated', 'mixed'],
      userAgent: ['shared', 'mixed', 'rotated'],
      org: ['none', 'none', 'per_account'],
      timing: ['lockstep', 'bursty'],
      ipSource: ['commercial_proxy'],
      camouflage: ['chat_en', 'roles_en', 'code_en', 'chat_zh'],
    });
    p.churn = {
      slots: Math.max(4, Math.round(p.accounts * rng.float(0.5, 0.8))),
      mean_lifetime_hours: 0,
      replacement_delay_min: [5, 180],
    };
    p.churn.mean_lifetime_hours = Math.round((p.churn.slots * 168) / p.accounts);
    const cot = kit.prompts.cot.drawCotStyle(rng.fork('cot'), { en: 0.75, zh: 0.2, ru: 0.05 });
    const rm = kit.prompts.rubric.drawRubricStyle(
      rng.fork('rm'),
      { en: 0.85, zh: 0.15, ja: 0, ko: 0, ru: 0, es: 0 },
      0.1,
    );
    const rmShare = Number(rng.float(0.1, 0.35).toFixed(2));
    return kit.runCampaign(
      ctx,
      p,
      ({ rng: r }) =>
        r.chance(rmShare)
          ? kit.prompts.rubric.rubricPrompt(r, ctx.data, rm)
          : kit.prompts.cot.cotPrompt(r, ctx.data, cot),
      {
        capabilities: { cot: Number((1 - rmShare).toFixed(2)), rubric: rmShare },
        cot_skeletons: cot.en,
        rubric_skeletons: rm.skeletons,
      },
    );
  },
};
