import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import { legitCreatedAt, pickTz } from '../lib/people.js';

/** Teachers designing rubrics, lesson plans and quizzes; occasionally grading a paragraph with their rubric. */
export const spec: FamilySpec = {
  name: 'teachers',
  kind: 'legit',
  description:
    'Teachers designing rubrics ("help me design a rubric for a 9th grade lab report"), lesson plans and quizzes, sometimes asking how their own rubric applies to one student paragraph; weekday working hours plus Sunday-evening preparation, low volume.',
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const n = Math.round(rng.int(25, 50) * ctx.scale);
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`t${i}`);
      const zh = r.chance(0.25);
      const tz = zh ? 8 : pickTz(r);
      const times = kit.time.humanTimes(r, r.logInt(4, 30), ctx.span, {
        tzHours: tz,
        profile: r.chance(0.5) ? 'work' : 'personal',
        weekendFactor: r.float(0.3, 0.9),
        sessionMean: r.float(2, 6),
        gapMedianSec: r.float(90, 400),
      });
      const acct = kit.newAccount(r, {
        createdAt: legitCreatedAt(r, ctx.window.start, times[0] ?? ctx.window.start),
        signupPath: r.chance(0.5) ? 'education' : 'standard',
      });
      accounts.push(acct);
      const ip = kit.ip.homeIp(r, ctx.world);
      const card = kit.newCard(r);
      const ua = kit.ua.browserUa(r);
      for (const t of times) {
        const prompt = r.chance(0.75)
          ? kit.prompts.legit.teacherPrompt(r, data, zh)
          : kit.prompts.benign.chatPrompt(r, data, zh ? { chat_zh: 1 } : { chat_en: 2, work_en: 1 }, zh);
        events.push(
          kit.emit(r, ctx.world, acct, t, prompt, { ip, pf: card, ua }, kit.adoptModel(r, ctx.models, t, 0.15, 24)),
        );
      }
    }
    return { params: { accounts: n, requests_per_account: { min: 4, max: 30 } }, accounts, events };
  },
};
