/** Everything a family module needs, passed in the context so that families outside the repo need no imports. */
import * as accounts from './accounts.js';
import * as agents from './agents.js';
import * as world from './world.js';
import * as timing from './timing.js';
import { drawCampaign, BOUNDS, type CampaignRanges } from './campaign-params.js';
import { runCampaign, type AttackContent } from './campaign.js';
import * as cot from '../prompts/cot.js';
import * as rubric from '../prompts/rubric.js';
import * as censorship from '../prompts/censorship.js';
import * as agentic from '../prompts/agentic.js';
import * as benign from '../prompts/benign.js';
import * as legit from '../prompts/legit.js';
import * as batch from '../prompts/batch.js';
import * as devagent from '../prompts/devagent.js';
import * as judge from '../prompts/judge-real.js';
import * as reasoning from '../prompts/reasoning-real.js';
import * as mathgen from '../prompts/mathgen.js';
import * as zhtext from '../prompts/zhtext.js';
import * as text from '../prompts/text.js';
import * as fill from '../prompts/fill.js';
import type { GenerationContext } from './types.js';
import type { Rng } from './rng.js';
import type { CampaignParams } from './campaign-params.js';

export function createKit(reg: accounts.Registry) {
  return {
    newAccount: (rng: Rng, o: accounts.NewAccount) => accounts.newAccount(rng, reg, o),
    newOrgId: (rng: Rng) => accounts.newOrgId(rng, reg),
    newCard: accounts.newCard,
    emit: accounts.emit,
    adoptModel: accounts.adoptModel,
    iso: accounts.iso,
    ua: agents,
    ip: { homeIp: world.homeIp, cloudIp: world.cloudIp, ipIn16: world.ipIn16 },
    time: timing,
    bounds: BOUNDS,
    drawCampaign: (ctx: GenerationContext, rng: Rng, family: string, r: CampaignRanges) =>
      drawCampaign(ctx, rng, family, r),
    runCampaign: (ctx: GenerationContext, p: CampaignParams, attack: AttackContent, extra?: Record<string, unknown>) =>
      runCampaign(ctx, reg, p, attack, extra),
    prompts: {
      cot,
      rubric,
      censorship,
      agentic,
      benign,
      legit,
      batch,
      devagent,
      judge,
      reasoning,
      mathgen,
      zhtext,
      text,
      fill,
    },
  };
}

export type Kit = ReturnType<typeof createKit>;
