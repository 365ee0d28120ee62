import type { FamilySpec } from '../lib/family.js';

/** A campaign that moves about half of its traffic to the newly released model within a day. */
export const spec: FamilySpec = {
  name: 'model_switch_sync',
  kind: 'attack',
  description:
    'Synchronized model switch: a reasoning-and-grading campaign that, within hours of the new model release, moves roughly half of its traffic to it at once (either half the accounts switch together or every account sends about half its requests to it).',
  generate(ctx) {
    const { kit, rng } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'model_switch_sync', {
      accounts: [20, 80],
      requests: [20, 100],
      share: [0.5, 0.9],
      payment: ['shared', 'rotated', 'mixed'],
      ip: ['rotated', 'mixed'],
      userAgent: ['shared', 'mixed'],
      org: ['none', 'rotated'],
      timing: ['lockstep', 'bursty'],
      ipSource: ['commercial_proxy', 'residential_proxy'],
      camouflage: ['chat_en', 'chat_zh', 'roles_en'],
    });
    p.model_switch = {
      fraction: Number(rng.float(0.42, 0.58).toFixed(2)),
      delay_hours: Number(rng.float(1, 20).toFixed(1)),
      ramp_hours: Number(rng.float(0.5, 3).toFixed(1)),
      mode: rng.pick(['accounts', 'requests'] as const),
    };
    const cot = kit.prompts.cot.drawCotStyle(rng.fork('cot'), { en: 0.6, zh: 0.35, ja: 0.05 });
    const rm = kit.prompts.rubric.drawRubricStyle(
      rng.fork('rm'),
      { en: 0.7, zh: 0.3, ja: 0, ko: 0, ru: 0, es: 0 },
      0.15,
    );
    const mix = Number(rng.float(0.4, 0.9).toFixed(2));
    return kit.runCampaign(
      ctx,
      p,
      ({ rng: r }) =>
        r.chance(mix) ? kit.prompts.cot.cotPrompt(r, ctx.data, cot) : kit.prompts.rubric.rubricPrompt(r, ctx.data, rm),
      {
        capabilities: { cot: mix, rubric: Number((1 - mix).toFixed(2)) },
        new_model: ctx.models.next,
        release_at: kit.iso(ctx.models.nextReleaseAt),
      },
    );
  },
};
