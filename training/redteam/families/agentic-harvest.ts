import type { FamilySpec } from '../lib/family.js';

/** Tool use, coding agents, computer use, data analysis and vision: individually ordinary prompts. */
export const spec: FamilySpec = {
  name: 'agentic_harvest',
  kind: 'attack',
  description:
    'Agentic-capability harvesting: function-calling with generated tool schemas, tool transcripts, coding-agent steps, bug fixes, computer-use actions, data analysis, vision and planner prompts. Each prompt looks like a developer request; the campaign shows in breadth, volume and synchronized dispatch across accounts.',
  generate(ctx) {
    const { kit, rng } = ctx;
    const p = kit.drawCampaign(ctx, rng, 'agentic_harvest', {
      accounts: [12, 50],
      requests: [30, 150],
      share: [0.5, 0.9],
      payment: ['rotated', 'shared', 'mixed'],
      ip: ['rotated', 'per_account', 'mixed'],
      userAgent: ['shared', 'mixed', 'per_account'],
      org: ['per_account', 'rotated', 'none'],
      timing: ['lockstep', 'bursty', 'human'],
      ipSource: ['residential_proxy', 'datacenter_proxy'],
      camouflage: ['code_en', 'chat_en', 'data_en', 'code_zh'],
    });
    const narrow = rng.chance(0.5);
    const st = kit.prompts.agentic.drawAgentStyle(rng.fork('agent'), narrow);
    return kit.runCampaign(ctx, p, ({ rng: r }) => kit.prompts.agentic.agentPrompt(r, ctx.data, st), {
      capabilities: { agentic: 1 },
      agent_kinds: st.kinds,
      tool_format: st.toolFormat,
      zh_share: st.zhShare,
    });
  },
};
