import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';

/** A company's employees behind one NAT address, one corporate card and one org. */
export const spec: FamilySpec = {
  name: 'corp_nat',
  kind: 'legit',
  description:
    'Company employees: tens to a hundred and more accounts provisioned the same day (SSO), all behind one or two NAT addresses, paid with one corporate card, in one org; office work, code and data questions in working hours of one time zone, near silence at weekends.',
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const companies = rng.int(1, 2);
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn = [];
    for (let c = 0; c < companies; c++) {
      const cr = rng.fork(`c${c}`);
      const size = Math.round(cr.int(25, 100) * ctx.scale);
      const company = ctx.world.companies[c % ctx.world.companies.length]!;
      const { tz, nat, card, org } = company;
      const provisioned = ctx.window.start - cr.float(30, 400) * kit.time.DAY;
      const uaTool = kit.ua.sdkUa(cr);
      drawn.push({ company: company.name, employees: size, tz, nat_ips: nat.length, org });
      for (let i = 0; i < size; i++) {
        const r = cr.fork(`e${i}`);
        const times = kit.time.humanTimes(r, r.logInt(4, 60), ctx.span, {
          tzHours: tz,
          profile: 'work',
          weekendFactor: r.float(0.03, 0.15),
          sessionMean: r.float(2, 8),
          gapMedianSec: r.float(40, 240),
          dayOffProb: 0.1,
        });
        const late = r.chance(0.1);
        const planned = late
          ? provisioned + r.float(5, 200) * kit.time.DAY
          : provisioned + r.float(0, 90) * kit.time.MIN;
        const acct = kit.newAccount(r, {
          createdAt: Math.min(planned, (times[0] ?? ctx.window.start) - kit.time.HOUR),
          signupPath: 'enterprise',
          orgId: org,
        });
        accounts.push(acct);
        const ua = r.chance(0.7) ? kit.ua.browserUa(r) : uaTool;
        for (const t of times) {
          const prompt = kit.prompts.legit.officePrompt(r, data);
          events.push(
            kit.emit(
              r,
              ctx.world,
              acct,
              t,
              prompt,
              { ip: r.pick(nat), pf: card, ua },
              kit.adoptModel(r, ctx.models, t, 0.1, 48),
            ),
          );
        }
      }
    }
    return { params: { companies: drawn, requests_per_account: { min: 4, max: 60 } }, accounts, events };
  },
};
