import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';

/** A university class on one department card: accounts opened together in the first lab, shared assignment. */
export const spec: FamilySpec = {
  name: 'university_class',
  kind: 'legit',
  description:
    'A university class paid with one department card: all student accounts were created within one lab session (education sign-up), many paste the same assignment problems, everyone is active together during the weekly lab and again the evening before the deadline; campus NAT addresses plus home IPs.',
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const { HOUR, DAY, MIN } = kit.time;
    const classes = rng.int(1, 2);
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn = [];
    for (let c = 0; c < classes; c++) {
      const cr = rng.fork(`class${c}`);
      const size = Math.round(cr.int(30, 90) * ctx.scale);
      const zh = cr.chance(0.35);
      const tz = zh ? 8 : cr.pick([-5, -8, 0, 1, 9]);
      const card = kit.newCard(cr);
      const campus = Array.from({ length: cr.int(2, 4) }, () => kit.ip.homeIp(cr, ctx.world));
      const firstLab = ctx.window.start - cr.float(10, 60) * DAY;
      const labDay = cr.int(0, 4);
      const labStart = Math.floor(ctx.window.start / DAY) * DAY + labDay * DAY + (14 - tz) * HOUR;
      const deadline = Math.min(
        ctx.window.end - MIN,
        Math.floor(ctx.window.start / DAY) * DAY + cr.int(3, 6) * DAY + (23 - tz) * HOUR,
      );
      const assignment = zh
        ? Array.from({ length: cr.int(4, 8) }, () => cr.pick(cr.chance(0.5) ? data.pools.code_zh : data.pools.math_zh))
        : Array.from({ length: cr.int(4, 8) }, () => cr.pick(cr.chance(0.5) ? data.pools.code_en : data.pools.math_en));
      const org = cr.chance(0.6) ? kit.newOrgId(cr) : undefined;
      drawn.push({ students: size, zh, tz, assignment_problems: assignment.length, campus_ips: campus.length });
      for (let i = 0; i < size; i++) {
        const r = cr.fork(`st${i}`);
        const acct = kit.newAccount(r, {
          createdAt: firstLab + r.float(0, 100) * MIN,
          signupPath: 'education',
          ...(org ? { orgId: org } : {}),
        });
        accounts.push(acct);
        const n = r.logInt(5, 40);
        const nLab = Math.round(n * r.float(0.2, 0.4));
        const nEve = Math.round(n * r.float(0.2, 0.5));
        const times = [
          ...kit.time.humanTimes(
            r,
            nLab,
            { from: labStart, to: labStart + 90 * MIN },
            { tzHours: tz, profile: 'flat', weekendFactor: 1, sessionMean: 4, gapMedianSec: 120 },
          ),
          ...kit.time.humanTimes(
            r,
            nEve,
            { from: deadline - 7 * HOUR, to: deadline },
            { tzHours: tz, profile: 'flat', weekendFactor: 1, sessionMean: 3, gapMedianSec: 150 },
          ),
          ...kit.time.humanTimes(r, Math.max(0, n - nLab - nEve), ctx.span, {
            tzHours: tz,
            profile: 'student',
            weekendFactor: 0.8,
            sessionMean: 3,
            gapMedianSec: 180,
          }),
        ];
        const home = kit.ip.homeIp(r, ctx.world);
        const ua = kit.ua.browserUa(r);
        for (const t of times) {
          const onCampus = t >= labStart && t < labStart + 90 * MIN;
          const prompt = r.chance(0.5)
            ? r.chance(0.5)
              ? r.pick(assignment)
              : `${r.pick(zh ? ['这道作业题怎么做？', '帮我看看这道题：'] : ['How do I approach this assignment problem?', 'Stuck on this one from the problem set:'])}\n${r.pick(assignment)}`
            : kit.prompts.legit.studentPrompt(r, data, zh);
          events.push(
            kit.emit(
              r,
              ctx.world,
              acct,
              t,
              prompt,
              { ip: onCampus ? r.pick(campus) : home, pf: card, ua },
              ctx.models.current,
            ),
          );
        }
      }
    }
    return { params: { classes: drawn, requests_per_account: { min: 5, max: 40 } }, accounts, events };
  },
};
