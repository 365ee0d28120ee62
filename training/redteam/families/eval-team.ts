import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import { pickTz } from '../lib/people.js';

/** Legitimate LLM-as-judge evaluation teams: nightly and ad-hoc runs of real judge templates at volume. */
export const spec: FamilySpec = {
  name: 'eval_team',
  kind: 'legit',
  description:
    'Evaluation teams running LLM-as-judge legitimately: service accounts in one org on a corporate card fire nightly and ad-hoc evaluation runs from CI runners, each run one real public judge template (FastChat, Prometheus, AlpacaEval, G-Eval, UltraFeedback, RAGAS, promptflow, JioNLP, HalluQA, GAOKAO) over hundreds of benchmark items, at high concurrency; they re-run on the new model within hours of its release.',
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const { HOUR, DAY, MIN, SEC } = kit.time;
    const teams = Math.max(1, Math.round(rng.int(1, 3) * Math.min(1, ctx.scale * 1.5)));
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn = [];
    for (let k = 0; k < teams; k++) {
      const tr = rng.fork(`team${k}`);
      const zh = tr.chance(0.3);
      const tz = zh ? 8 : pickTz(tr);
      const org = kit.newOrgId(tr);
      const card = kit.newCard(tr);
      const runners = Array.from({ length: tr.int(2, 6) }, () => kit.ip.cloudIp(tr, ctx.world));
      const office = kit.ip.homeIp(tr, ctx.world);
      const ua = kit.ua.evalUa(tr);
      const access = tr.chance(0.25) ? 'cloud-b' : 'direct';
      const templates = tr.sample(kit.prompts.judge.judgeTemplates(data, { lang: zh ? 'zh' : 'en' }), tr.int(2, 5));
      const service = Array.from({ length: tr.int(1, 3) }, () =>
        kit.newAccount(tr, {
          createdAt: ctx.window.start - tr.float(60, 700) * DAY,
          signupPath: tr.pick(['enterprise', 'standard', 'startup'] as const),
          accessPath: access,
          orgId: org,
        }),
      );
      const humans = Array.from({ length: tr.int(1, 3) }, () =>
        kit.newAccount(tr, {
          createdAt: ctx.window.start - tr.float(30, 700) * DAY,
          signupPath: 'enterprise',
          accessPath: access,
          orgId: org,
        }),
      );
      accounts.push(...service, ...humans);
      const runs: { at: number; size: number; model: string }[] = [];
      const day0 = Math.floor(ctx.window.start / DAY) * DAY;
      for (let d = 0; d < 8; d++) {
        const nightly = day0 + d * DAY + (2 - tz) * HOUR + tr.float(0, 20) * MIN;
        if (tr.chance(0.75)) runs.push({ at: nightly, size: tr.int(50, 200), model: ctx.models.current });
        if (d % 7 < 5 && tr.chance(0.5))
          runs.push({
            at: day0 + d * DAY + (tr.float(10, 17) - tz) * HOUR,
            size: tr.int(40, 260),
            model: ctx.models.current,
          });
      }
      const relRuns = tr.int(1, 3);
      for (let i = 0; i < relRuns; i++)
        runs.push({
          at: ctx.models.nextReleaseAt + tr.float(1, 10) * HOUR,
          size: tr.int(100, 400),
          model: ctx.models.next,
        });
      const inWindow = runs.filter((x) => x.at >= ctx.window.start && x.at < ctx.window.end);
      drawn.push({
        zh,
        tz,
        templates: templates.map((t) => t.id),
        service_accounts: service.length,
        runs: inWindow.length,
        access_path: access,
      });
      for (const run of inWindow) {
        const rr = tr.fork(`run${run.at}`);
        const tpl = rr.pick(templates);
        const acct = rr.pick(service);
        const concurrency = rr.int(4, 32);
        let t = run.at;
        for (let i = 0; i < run.size && t < ctx.window.end; i++) {
          const prompt = kit.prompts.judge.fillRealJudge(rr, data, tpl);
          events.push(kit.emit(rr, ctx.world, acct, t, prompt, { ip: rr.pick(runners), pf: card, ua }, run.model));
          t += (rr.logNormal(2.5, 0.6) * SEC) / concurrency;
        }
      }
      for (const h of humans) {
        const hr = tr.fork(h.id);
        const hua = kit.ua.browserUa(hr);
        const times = kit.time.humanTimes(hr, hr.logInt(20, 150), ctx.span, {
          tzHours: tz,
          profile: 'work',
          weekendFactor: 0.1,
          sessionMean: 6,
          gapMedianSec: 60,
        });
        for (const t of times) {
          const prompt = hr.chance(0.6)
            ? kit.prompts.judge.fillRealJudge(hr, data, hr.pick(templates))
            : kit.prompts.benign.chatPrompt(hr, data, { chat_en: 1, code_en: 1 }, false);
          events.push(
            kit.emit(
              hr,
              ctx.world,
              h,
              t,
              prompt,
              { ip: office, pf: card, ua: hua },
              kit.adoptModel(hr, ctx.models, t, 0.5, 2),
            ),
          );
        }
      }
    }
    return { params: { teams: drawn }, accounts, events };
  },
};
