import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import { pickTz } from '../lib/people.js';

/** A company distilling its own model under an agreement, or a research group generating reasoning data. */
export const spec: FamilySpec = {
  name: 'self_distillation',
  kind: 'legit',
  description:
    'Sanctioned reasoning-data generation: a company generating traces for its own small model under an enterprise agreement (steady 24/7 queue from cloud workers) or a university research group in the research programme (working-hours bursts from the campus cluster); prompts are real public distillation templates (R1/Sky-T1 system prompts, <think> formats, few-shot CoT teachers) plus verifier-style judges, at volume, from one org and one card.',
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const orgs = rng.int(1, 2);
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn = [];
    for (let o = 0; o < orgs; o++) {
      const r = rng.fork(`org${o}`);
      const company = o === 0 ? r.chance(0.5) : true;
      const tz = pickTz(r);
      const org = kit.newOrgId(r);
      const card = kit.newCard(r);
      const ips = Array.from({ length: r.int(1, 4) }, () =>
        company ? kit.ip.cloudIp(r, ctx.world) : kit.ip.homeIp(r, ctx.world),
      );
      const ua = company ? `datagen-pipeline/0.${r.int(2, 9)} python-httpx/0.27.0` : kit.ua.sdkUa(r);
      const templates = r.sample(data.reasoning, r.int(2, 5));
      const judges = kit.prompts.judge.judgeTemplates(data, {
        families: ['s1_prompts', 'open_thoughts', 'limo', 'camel', 'evalscope'],
      });
      const k = Math.max(1, Math.round(r.int(2, 4) * Math.min(1, ctx.scale * 1.5)));
      drawn.push({
        kind: company ? 'company' : 'research_group',
        accounts: k,
        templates: templates.map((t) => t.id),
        tz,
      });
      for (let a = 0; a < k; a++) {
        const ar = r.fork(`a${a}`);
        const acct = kit.newAccount(ar, {
          createdAt: ctx.window.start - ar.float(40, 500) * kit.time.DAY,
          signupPath: company ? 'enterprise' : 'research_program',
          orgId: org,
        });
        accounts.push(acct);
        const count = ar.logInt(200, 700);
        const times = company
          ? kit.time.lockstepTimes(ar, count, ctx.span, {
              periodSec: ar.pick([30, 60, 90]),
              phaseMs: ar.int(0, 29000),
              jitterMs: 800,
              dutyHours: 24,
              dutyStartHour: 0,
              tzHours: tz,
            })
          : kit.time.humanTimes(ar, count, ctx.span, {
              tzHours: tz,
              profile: 'work',
              weekendFactor: 0.3,
              sessionMean: 40,
              gapMedianSec: 6,
            });
        for (const t of times) {
          const prompt = ar.chance(0.85)
            ? kit.prompts.reasoning.fillReasoning(ar, data, ar.pick(templates))
            : kit.prompts.judge.fillRealJudge(ar, data, ar.pick(judges));
          events.push(
            kit.emit(
              ar,
              ctx.world,
              acct,
              t,
              prompt,
              { ip: ar.pick(ips), pf: card, ua },
              kit.adoptModel(ar, ctx.models, t, 0.5, 12),
            ),
          );
        }
      }
    }
    return { params: { orgs: drawn, requests_per_account: { min: 200, max: 700 } }, accounts, events };
  },
};
