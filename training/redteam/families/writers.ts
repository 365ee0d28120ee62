import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import { legitCreatedAt, pickTz } from '../lib/people.js';

/** Writers asking for feedback on their own drafts, revising the same text over several sessions. */
export const spec: FamilySpec = {
  name: 'writers',
  kind: 'legit',
  description:
    'Writers asking for feedback on their own essay, blog post or personal statement; the same draft comes back several times with small revisions, so an account repeats long near-duplicate prompts; personal-time rhythm.',
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const n = Math.round(rng.int(40, 80) * ctx.scale);
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`w${i}`);
      const zh = r.chance(0.25);
      const times = kit.time.humanTimes(r, r.logInt(3, 30), ctx.span, {
        tzHours: zh ? 8 : pickTz(r),
        profile: r.chance(0.5) ? 'personal' : 'night',
        weekendFactor: r.float(0.8, 1.5),
        sessionMean: r.float(2, 5),
        gapMedianSec: r.float(200, 900),
      });
      const acct = kit.newAccount(r, { createdAt: legitCreatedAt(r, ctx.window.start, times[0] ?? ctx.window.start) });
      accounts.push(acct);
      const ip = kit.ip.homeIp(r, ctx.world);
      const card = kit.newCard(r);
      const ua = kit.ua.browserUa(r);
      const drafts = Array.from({ length: r.int(1, 3) }, () => kit.prompts.legit.writerDraft(r, data, zh));
      const revisions = drafts.map(() => 0);
      for (const t of times) {
        const d = r.int(0, drafts.length - 1);
        const prompt = r.chance(0.8)
          ? kit.prompts.legit.writerPrompt(r, drafts[d]!, zh, revisions[d]!++)
          : kit.prompts.benign.chatPrompt(r, data, zh ? { chat_zh: 1 } : { chat_en: 1 }, zh);
        events.push(
          kit.emit(r, ctx.world, acct, t, prompt, { ip, pf: card, ua }, kit.adoptModel(r, ctx.models, t, 0.2, 24)),
        );
      }
    }
    return {
      params: { accounts: n, requests_per_account: { min: 3, max: 30 }, drafts_per_writer: [1, 3] },
      accounts,
      events,
    };
  },
};
