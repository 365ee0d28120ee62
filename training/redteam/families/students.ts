import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import { legitCreatedAt, pickTz } from '../lib/people.js';

/** Students asking for step-by-step help with homework, mostly evenings. */
export const spec: FamilySpec = {
  name: 'students',
  kind: 'legit',
  description:
    'Students working on homework: real math word problems, exam questions (English and Chinese) and coding exercises, often framed as "solve step by step" or "where did I go wrong"; afternoon-to-late-night rhythm, home and campus IPs, education or standard sign-ups.',
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const n = Math.round(rng.int(100, 180) * ctx.scale);
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`s${i}`);
      const zh = r.chance(0.4);
      const tz = zh ? 8 : pickTz(r);
      const times = kit.time.humanTimes(r, r.logInt(4, 50), ctx.span, {
        tzHours: tz,
        profile: 'student',
        weekendFactor: r.float(0.6, 1.2),
        sessionMean: r.float(2, 7),
        gapMedianSec: r.float(60, 300),
        dayOffProb: 0.3,
      });
      const acct = kit.newAccount(r, {
        createdAt: legitCreatedAt(r, ctx.window.start, times[0] ?? ctx.window.start),
        signupPath: r.chance(0.4) ? 'education' : 'standard',
      });
      accounts.push(acct);
      const ips = [kit.ip.homeIp(r, ctx.world), kit.ip.homeIp(r, ctx.world)];
      const card = kit.newCard(r);
      const ua = r.chance(0.6) ? kit.ua.browserUa(r) : kit.ua.mobileUa(r);
      for (const t of times) {
        const prompt = r.chance(0.8)
          ? kit.prompts.legit.studentPrompt(r, data, zh)
          : kit.prompts.benign.chatPrompt(r, data, zh ? { chat_zh: 2, code_zh: 1 } : { chat_en: 2, code_en: 1 }, zh);
        const ip = r.chance(0.25) ? ips[1]! : ips[0]!;
        events.push(
          kit.emit(r, ctx.world, acct, t, prompt, { ip, pf: card, ua }, kit.adoptModel(r, ctx.models, t, 0.2, 24)),
        );
      }
    }
    return { params: { accounts: n, requests_per_account: { min: 4, max: 50 }, zh_share: 0.4 }, accounts, events };
  },
};
