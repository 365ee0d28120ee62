import type { FamilySpec } from '../lib/family.js';

/** One campaign spread over the direct API and two reseller platforms to blur its coordination. */
export const spec: FamilySpec = {
  name: 'reseller_spread',
  kind: 'attack',
  description:
    'Access-path spread: one campaign whose accounts are split between the direct API and the cloud-a / cloud-b reseller platforms (where the gateway sees platform egress addresses and rarely any account attributes); content and dispatch rhythm are shared across paths.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const direct = Number(rng.float(0.2, 0.6).toFixed(2));
    const a = Number(((1 - direct) * rng.float(0.3, 0.7)).toFixed(2));
    const p = kit.drawCampaign(ctx, rng, 'reseller_spread', {
      accounts: [25, 100],
      requests: [8, 55],
      share: [0.4, 0.9],
      payment: ['per_account', 'mixed', 'shared'],
      ip: ['rotated', 'per_account'],
      userAgent: ['per_account', 'mixed'],
      org: ['per_account', 'none'],
      timing: ['lockstep', 'bursty'],
      ipSource: ['residential_proxy', 'commercial_proxy'],
      camouflage: ['chat_en', 'code_en', 'work_en', 'chat_zh'],
      accessPaths: { direct, 'cloud-a': a, 'cloud-b': Number((1 - direct - a).toFixed(2)) },
    });
    const capability = rng.pick(['cot', 'rubric', 'agentic'] as const);
    const cot = kit.prompts.cot.drawCotStyle(rng.fork('cot'), { en: 0.8, zh: 0.2 }, true);
    const rm = kit.prompts.rubric.drawRubricStyle(
      rng.fork('rm'),
      { en: 0.8, zh: 0.2, ja: 0, ko: 0, ru: 0, es: 0 },
      0.2,
    );
    const ag = kit.prompts.agentic.drawAgentStyle(rng.fork('ag'), true);
    return kit.runCampaign(
      ctx,
      p,
      ({ rng: r }) =>
        capability === 'cot'
          ? kit.prompts.cot.cotPrompt(r, ctx.data, cot)
          : capability === 'rubric'
            ? kit.prompts.rubric.rubricPrompt(r, ctx.data, rm)
            : kit.prompts.agentic.agentPrompt(r, ctx.data, ag),
      { capability },
    );
  },
};
