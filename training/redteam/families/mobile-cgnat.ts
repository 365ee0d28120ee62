import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import { legitCreatedAt } from '../lib/people.js';

/** Phone users whose carrier puts thousands of subscribers behind a few carrier-grade NAT addresses. */
export const spec: FamilySpec = {
  name: 'mobile_cgnat',
  kind: 'legit',
  description:
    "Mobile-app users behind carrier-grade NAT: unrelated accounts on the same carrier share a small set of public addresses that change between requests; short chatty sessions through the day in the carrier's country.",
  generate(ctx) {
    const { kit, rng, data, world } = ctx;
    const n = Math.round(rng.int(120, 250) * ctx.scale);
    const carrierTz = [8, 1, -5];
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`m${i}`);
      const ci = r.int(0, world.carriers.length - 1);
      const carrier = world.carriers[ci]!;
      const zh = ci === 0;
      const times = kit.time.humanTimes(r, r.logInt(3, 40), ctx.span, {
        tzHours: carrierTz[ci] ?? 0,
        profile: 'personal',
        weekendFactor: r.float(0.9, 1.4),
        sessionMean: r.float(1.5, 4),
        gapMedianSec: r.float(30, 120),
        dayOffProb: 0.2,
      });
      const acct = kit.newAccount(r, { createdAt: legitCreatedAt(r, ctx.window.start, times[0] ?? ctx.window.start) });
      accounts.push(acct);
      const card = kit.newCard(r);
      const ua = kit.ua.mobileUa(r);
      for (const t of times) {
        const prompt = kit.prompts.benign.chatPrompt(
          r,
          data,
          zh ? { chat_zh: 4, exam_zh: 0.3 } : { chat_en: 4, roles_en: 1 },
          zh,
        );
        events.push(
          kit.emit(
            r,
            world,
            acct,
            t,
            prompt,
            { ip: r.pick(carrier.ips), pf: card, ua },
            kit.adoptModel(r, ctx.models, t, 0.3, 6),
          ),
        );
      }
    }
    return {
      params: {
        accounts: n,
        carriers: world.carriers.map((c, i) => ({ name: c.name, ips: c.ips.length, tz: carrierTz[i] })),
      },
      accounts,
      events,
    };
  },
};
