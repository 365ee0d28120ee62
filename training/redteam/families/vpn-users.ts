import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import { legitCreatedAt, pickTz } from '../lib/people.js';

/** Privacy-minded users whose VPN exits on the very commercial proxy network the hydra campaigns use. */
export const spec: FamilySpec = {
  name: 'vpn_users',
  kind: 'legit',
  description:
    'Ordinary users on a consumer VPN whose exits are the SAME commercial proxy network ("proxy-network-A") that hydra_shared_cards always uses (and other campaigns may draw); exits change per session; varied real prompts, some about politically sensitive topics; each has an own card.',
  generate(ctx) {
    const { kit, rng, data, world } = ctx;
    const n = Math.round(rng.int(50, 120) * ctx.scale);
    const exits = world.commercialProxy.ips;
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`v${i}`);
      const zh = r.chance(0.3);
      const times = kit.time.humanTimes(r, r.logInt(3, 50), ctx.span, {
        tzHours: zh ? 8 : pickTz(r),
        profile: r.chance(0.6) ? 'personal' : 'work',
        weekendFactor: r.float(0.6, 1.2),
        sessionMean: r.float(2, 6),
        gapMedianSec: r.float(40, 200),
      });
      const acct = kit.newAccount(r, { createdAt: legitCreatedAt(r, ctx.window.start, times[0] ?? ctx.window.start) });
      accounts.push(acct);
      const card = kit.newCard(r);
      const ua = r.chance(0.7) ? kit.ua.browserUa(r) : kit.ua.sdkUa(r);
      const myExits = r.sample(exits, r.int(2, 8));
      let exit = r.pick(myExits);
      let last = 0;
      for (const t of times) {
        if (t - last > 30 * kit.time.MIN) exit = r.pick(myExits);
        last = t;
        const prompt = kit.prompts.benign.chatPrompt(
          r,
          data,
          zh ? { chat_zh: 3, code_zh: 0.5 } : { chat_en: 3, sensitive_en: 1, code_en: 0.7 },
          zh,
        );
        events.push(
          kit.emit(r, world, acct, t, prompt, { ip: exit, pf: card, ua }, kit.adoptModel(r, ctx.models, t, 0.3, 24)),
        );
      }
    }
    return {
      params: {
        accounts: n,
        shared_proxy_pool: world.commercialProxy.name,
        pool_size: exits.length,
        always_overlaps_with: ['hydra_shared_cards'],
      },
      accounts,
      events,
    };
  },
};
