import type { FamilySpec } from '../lib/family.js';

/** Short-lived accounts: whenever one stops (banned), a freshly created replacement takes its slot. */
export const spec: FamilySpec = {
  name: 'hydra_churn',
  kind: 'attack',
  description:
    'Hydra churn: a fixed number of concurrent worker slots; each account lives hours to a day or two, then stops and a replacement created minutes earlier picks up the same work from a rotated card pool and the same proxy network.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'hydra_churn', {
      accounts: [40, 200],
      requests: [5, 35],
      share: [0.5, 0.9],
      payment: ['rotated', 'shared', 'mixed'],
      ip: ['rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'mixed', 'per_account'],
      org: ['none'],
      timing: ['lockstep', 'bursty', 'human'],
      ipSource: ['commercial_proxy', 'datacenter_proxy', 'residential_proxy'],
      camouflage: ['chat_en', 'chat_zh', 'roles_en'],
    });
    const slots = Math.max(3, Math.round(p.accounts / rng.float(3, 10)));
    p.churn = { slots, mean_lifetime_hours: Math.round((slots * 168) / p.accounts), replacement_delay_min: [1, 60] };
    const capability = rng.pick(['cot', 'rubric', 'censorship'] as const);
    const cot = kit.prompts.cot.drawCotStyle(rng.fork('cot'), { en: 0.5, zh: 0.5 });
    const rm = kit.prompts.rubric.drawRubricStyle(
      rng.fork('rm'),
      { en: 0.6, zh: 0.4, ja: 0, ko: 0, ru: 0, es: 0 },
      0.1,
    );
    const cs = kit.prompts.censorship.drawCensorStyle(rng.fork('cs'), 0.6);
    return kit.runCampaign(
      ctx,
      p,
      ({ rng: r }) =>
        capability === 'cot'
          ? kit.prompts.cot.cotPrompt(r, ctx.data, cot)
          : capability === 'rubric'
            ? kit.prompts.rubric.rubricPrompt(r, ctx.data, rm)
            : kit.prompts.censorship.censorPrompt(r, ctx.data, cs),
      { capability },
    );
  },
};
