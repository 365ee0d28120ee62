import type { FamilySpec } from '../lib/family.js';
import { legitCreatedAt, pickTz } from '../lib/people.js';

/** Ordinary individuals: varied real prompts, human rhythm in their own time zone. */
export const spec: FamilySpec = {
  name: 'individuals',
  kind: 'legit',
  description:
    'Individual users worldwide: real prompts from the public sets (chat, roles, coding, office, Chinese chat, some questions about politically sensitive topics), heavy-tailed volume, sessions on a local diurnal curve with weekends, home IPs (some households share one), browser/app/SDK user agents, gradual adoption of the new model.',
  generate(ctx) {
    const { kit, rng, window, data } = ctx;
    const P = kit.prompts.benign;
    const n = Math.round(rng.int(400, 650) * ctx.scale);
    const accounts = [];
    const events = [];
    const households: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`u${i}`);
      const interest = r.weighted([
        ['generalist_en', 6],
        ['coder_en', 2],
        ['roleplay_en', 1],
        ['office_en', 2],
        ['curious_politics_en', 0.6],
        ['generalist_zh', 4],
        ['coder_zh', 1],
        ['bilingual', 1],
      ] as const);
      const zh = interest.endsWith('_zh') || (interest === 'bilingual' && r.chance(0.5));
      const tz = zh
        ? r.weighted([
            [8, 8],
            [9, 1],
            [-8, 1],
          ] as const)
        : pickTz(r);
      const count = r.logInt(2, 50);
      const times = kit.time.humanTimes(r, count, ctx.span, {
        tzHours: tz,
        profile: r.weighted([
          ['personal', 5],
          ['work', 3],
          ['night', 1],
        ] as const),
        weekendFactor: r.float(0.5, 1.3),
        sessionMean: r.float(1.5, 6),
        gapMedianSec: r.float(40, 200),
        dayOffProb: 0.25,
      });
      const acct = kit.newAccount(r, {
        createdAt: legitCreatedAt(r, window.start, times[0] ?? window.start),
        signupPath: r.weighted([
          ['standard', 90],
          ['education', 4],
          ['startup', 3],
          ['research_program', 1],
        ] as const),
        accessPath: r.weighted([
          ['direct', 94],
          ['cloud-a', 3],
          ['cloud-b', 3],
        ] as const),
        ...(r.chance(0.15) ? { orgId: kit.newOrgId(r) } : {}),
      });
      accounts.push(acct);
      let home = kit.ip.homeIp(r, ctx.world);
      if (households.length > 0 && r.chance(0.05)) home = r.pick(households);
      households.push(home);
      const ips = [home, ...(r.chance(0.4) ? [kit.ip.homeIp(r, ctx.world)] : [])];
      const card = kit.newCard(r);
      const ua = r.weighted([
        [kit.ua.browserUa(r), 6],
        [kit.ua.mobileUa(r), 2],
        [kit.ua.sdkUa(r), 2],
      ] as const);
      const adopt = r.chance(0.5) ? r.float(0.05, 0.7) : 0;
      const lag = r.float(0, 72);
      for (const t of times) {
        const prompt = P.chatPrompt(r, data, P.INDIVIDUAL_INTERESTS[interest] ?? { chat_en: 1 }, zh);
        const ip = ips.length > 1 && r.chance(0.3) ? ips[1]! : ips[0]!;
        events.push(
          kit.emit(r, ctx.world, acct, t, prompt, { ip, pf: card, ua }, kit.adoptModel(r, ctx.models, t, adopt, lag)),
        );
      }
    }
    return {
      params: { accounts: n, requests_per_account: { min: 2, max: 50 }, household_ip_share: 0.05 },
      accounts,
      events,
    };
  },
};
