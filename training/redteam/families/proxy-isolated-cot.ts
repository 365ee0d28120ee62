import type { FamilySpec } from '../lib/family.js';

/** Nothing shared but content and rhythm: per-account residential proxies, cards and user agents. */
export const spec: FamilySpec = {
  name: 'proxy_isolated_cot',
  kind: 'attack',
  description:
    'Per-account isolation: each account has its own card, its own sticky residential-proxy IP and its own browser-like user agent, so no identifier links them; only the narrow answer-to-reasoning templates and the shared dispatcher rhythm do.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'proxy_isolated_cot', {
      accounts: [15, 80],
      requests: [15, 90],
      share: [0.35, 0.85],
      payment: ['per_account'],
      ip: ['per_account'],
      userAgent: ['per_account'],
      org: ['none', 'per_account'],
      timing: ['lockstep', 'human', 'lockstep'],
      ipSource: ['residential_proxy'],
      camouflage: ['chat_en', 'work_en', 'math_en', 'roles_en', 'chat_zh'],
    });
    const langs = rng.chance(0.5) ? { en: 1 } : { en: 0.6, zh: 0.3, es: 0.05, ko: 0.05 };
    const st = kit.prompts.cot.drawCotStyle(rng.fork('cot'), langs, true);
    return kit.runCampaign(ctx, p, ({ rng: r }) => kit.prompts.cot.cotPrompt(r, ctx.data, st), {
      capabilities: { cot: 1 },
      languages: langs,
      cot_skeletons: { en: st.en, zh: st.zh },
    });
  },
};
