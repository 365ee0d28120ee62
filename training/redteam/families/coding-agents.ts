import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import { legitCreatedAt, pickTz } from '../lib/people.js';

/** Developers running coding agents and tool-use loops all day, plus CI bots running agents on pull requests. */
export const spec: FamilySpec = {
  name: 'coding_agents',
  kind: 'legit',
  description:
    "Developers running CLI/IDE coding agents all day: tight tool-use loops (a request every few seconds during a session) that repeat the agent's fixed preamble with file contents and test output of the developer's repository; small companies share a card and an org; CI bots run agents on pull requests from cloud runners; most developers switch their agent to the new model within a day or three.",
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const { HOUR } = kit.time;
    const n = Math.round(rng.int(15, 40) * ctx.scale);
    const companies = Array.from({ length: rng.int(3, 8) }, () => ({
      card: kit.newCard(rng),
      org: kit.newOrgId(rng),
      tz: pickTz(rng),
      office: kit.ip.homeIp(rng, ctx.world),
    }));
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`dev${i}`);
      const co = r.chance(0.6) ? r.pick(companies) : null;
      const tz = co?.tz ?? pickTz(r);
      const times = kit.time.humanTimes(r, r.logInt(40, 300), ctx.span, {
        tzHours: tz,
        profile: 'work',
        weekendFactor: r.float(0.05, 0.4),
        sessionMean: r.float(12, 60),
        gapMedianSec: r.float(3, 15),
        dayOffProb: 0.1,
      });
      const acct = kit.newAccount(r, {
        createdAt: legitCreatedAt(r, ctx.window.start, times[0] ?? ctx.window.start),
        signupPath: co ? r.pick(['startup', 'enterprise', 'standard'] as const) : 'standard',
        ...(co ? { orgId: co.org } : {}),
      });
      accounts.push(acct);
      const card = co?.card ?? kit.newCard(r);
      const home = kit.ip.homeIp(r, ctx.world);
      const ua = kit.ua.agentUa(r);
      const repo = r.pick(kit.prompts.agentic.REPOS);
      const preamble = r.int(0, 2);
      const switchAt = r.chance(0.7) ? ctx.models.nextReleaseAt + r.float(0.5, 72) * HOUR : Infinity;
      let session = kit.prompts.devagent.newDevSession(r, repo, preamble);
      let last = 0;
      for (const t of times) {
        if (t - last > 20 * kit.time.MIN) session = kit.prompts.devagent.newDevSession(r, repo, preamble);
        last = t;
        const prompt = kit.prompts.devagent.devStepPrompt(r, data, session);
        const ip = co && r.chance(0.6) ? co.office : home;
        events.push(
          kit.emit(
            r,
            ctx.world,
            acct,
            t,
            prompt,
            { ip, pf: card, ua },
            t >= switchAt ? ctx.models.next : ctx.models.current,
          ),
        );
      }
    }
    const bots = Math.max(1, Math.round(rng.int(1, 3) * ctx.scale));
    for (let b = 0; b < bots; b++) {
      const r = rng.fork(`bot${b}`);
      const co = r.pick(companies);
      const acct = kit.newAccount(r, {
        createdAt: ctx.window.start - r.float(20, 300) * kit.time.DAY,
        signupPath: 'startup',
        orgId: co.org,
      });
      accounts.push(acct);
      const runners = Array.from({ length: r.int(2, 5) }, () => kit.ip.cloudIp(r, ctx.world));
      const ua = kit.ua.agentUa(r);
      const times = kit.time.humanTimes(r, r.logInt(100, 400), ctx.span, {
        tzHours: co.tz,
        profile: 'work',
        weekendFactor: 0.1,
        sessionMean: 25,
        gapMedianSec: 4,
      });
      let session = kit.prompts.devagent.newDevSession(r, r.pick(kit.prompts.agentic.REPOS), 2);
      let last = 0;
      for (const t of times) {
        if (t - last > 10 * kit.time.MIN) session = kit.prompts.devagent.newDevSession(r, session.repo, 2);
        last = t;
        events.push(
          kit.emit(
            r,
            ctx.world,
            acct,
            t,
            kit.prompts.devagent.devStepPrompt(r, data, session),
            { ip: r.pick(runners), pf: co.card, ua },
            ctx.models.current,
          ),
        );
      }
    }
    return {
      params: {
        developers: n,
        ci_bots: bots,
        companies: companies.length,
        requests_per_developer: { min: 40, max: 300 },
      },
      accounts,
      events,
    };
  },
};
