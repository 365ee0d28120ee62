import type { FamilySpec } from '../lib/family.js';
import { round } from '../lib/rng.js';

/** Education, research-program and startup accounts created in bursts shortly before or inside the window. */
export const spec: FamilySpec = {
  name: 'signup_path_abuse',
  kind: 'attack',
  description:
    'Abused sign-up paths: accounts opened in a few bursts through the education, security-research and startup programmes (fresh accounts, created minutes apart), each with its own org for startups, harvesting reasoning, grading and agentic data under the cover of those programmes.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const path = rng.pick(['education', 'research_program', 'startup', 'mixed'] as const);
    const signupPaths =
      path === 'mixed' ? { education: 0.4, research_program: 0.3, startup: 0.3 } : { [path]: 0.92, standard: 0.08 };
    const p = kit.drawCampaign(ctx, rng, 'signup_path_abuse', {
      accounts: [30, 150],
      requests: [8, 60],
      share: [0.4, 0.9],
      payment: ['per_account', 'rotated', 'mixed'],
      ip: ['rotated', 'per_account', 'mixed'],
      userAgent: ['per_account', 'shared', 'rotated'],
      org: path === 'startup' ? ['per_account'] : ['none', 'per_account', 'shared'],
      timing: ['bursty', 'lockstep', 'human', 'low_and_slow'],
      ipSource: ['residential_proxy', 'commercial_proxy', 'datacenter_proxy'],
      camouflage: ['chat_en', 'math_en', 'code_en', 'exam_zh', 'chat_zh'],
      signupPaths,
      accountAgeDays: [0.2, round(rng.float(2, 9), 1)],
    });
    p.creation_batches = rng.int(1, 4);
    const cot = kit.prompts.cot.drawCotStyle(rng.fork('cot'), { en: 0.65, zh: 0.3, ko: 0.05 });
    const rm = kit.prompts.rubric.drawRubricStyle(
      rng.fork('rm'),
      { en: 0.8, zh: 0.2, ja: 0, ko: 0, ru: 0, es: 0 },
      0.1,
    );
    const ag = kit.prompts.agentic.drawAgentStyle(rng.fork('ag'), true);
    const w = {
      cot: round(rng.float(0.3, 1), 2),
      rubric: round(rng.float(0, 0.6), 2),
      agentic: round(rng.float(0, 0.5), 2),
    };
    return kit.runCampaign(
      ctx,
      p,
      ({ rng: r }) => {
        const k = r.weightedKey(w);
        if (k === 'cot') return kit.prompts.cot.cotPrompt(r, ctx.data, cot);
        if (k === 'rubric') return kit.prompts.rubric.rubricPrompt(r, ctx.data, rm);
        return kit.prompts.agentic.agentPrompt(r, ctx.data, ag);
      },
      { abused_path: path, capabilities: w },
    );
  },
};
