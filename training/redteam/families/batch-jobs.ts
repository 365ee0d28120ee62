import type { Account, DraftEvent } from '../lib/types.js';
import type { FamilySpec } from '../lib/family.js';
import type { BatchJob } from '../prompts/batch.js';
import { pickTz } from '../lib/people.js';

/** Templated batch pipelines: one fixed instruction, a new record every call, on a schedule. */
export const spec: FamilySpec = {
  name: 'batch_jobs',
  kind: 'legit',
  description:
    'Templated batch jobs of ordinary businesses (review sentiment, ticket triage, invoice extraction, translation, summaries): a script account sends the same instruction with a different record on a cron schedule or a nightly bulk run, from one or two cloud addresses, often on the small model, some through a reseller platform.',
  generate(ctx) {
    const { kit, rng, data } = ctx;
    const n = Math.max(2, Math.round(rng.int(3, 8) * ctx.scale));
    const jobs = Object.keys(kit.prompts.batch.BATCH_JOBS) as BatchJob[];
    const accounts: Account[] = [];
    const events: DraftEvent[] = [];
    const drawn = [];
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`job${i}`);
      const job = r.pick(jobs);
      const tz = job === 'zh_sentiment' ? 8 : pickTz(r);
      const target = r.int(150, 900);
      const nightly = r.chance(0.4);
      const every = nightly ? 24 * 60 : r.pick([15, 30, 60, 120]);
      const hours = nightly ? [r.int(0, 5)] : r.chance(0.5) ? [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18] : undefined;
      const runsPerDay = nightly ? 1 : (hours?.length ?? 24) * (60 / every);
      const perRun = Math.max(1, Math.round(target / (runsPerDay * 7)));
      const times = kit.time
        .cronTimes(r, ctx.span, {
          everyMin: every,
          perRun,
          gapSec: r.float(0.3, 2),
          tzHours: tz,
          ...(hours ? { hours } : {}),
          skipProb: 0.05,
        })
        .filter((t) => t < ctx.window.end);
      const acct = kit.newAccount(r, {
        createdAt: ctx.window.start - r.float(20, 500) * kit.time.DAY,
        signupPath: r.pick(['standard', 'startup', 'enterprise'] as const),
        accessPath: r.weighted([
          ['direct', 6],
          ['cloud-a', 2],
          ['cloud-b', 1],
        ] as const),
        orgId: kit.newOrgId(r),
      });
      accounts.push(acct);
      const ips = Array.from({ length: r.int(1, 2) }, () => kit.ip.cloudIp(r, ctx.world));
      const card = kit.newCard(r);
      const ua = kit.ua.scriptUa(r);
      const model = r.chance(0.6) ? ctx.models.mini : ctx.models.current;
      drawn.push({ job, every_min: every, per_run: perRun, nightly, model, access_path: acct.accessPath });
      for (const t of times) {
        events.push(
          kit.emit(
            r,
            ctx.world,
            acct,
            t,
            kit.prompts.batch.batchPrompt(r, data, job),
            { ip: r.pick(ips), pf: card, ua },
            model,
          ),
        );
      }
    }
    return { params: { jobs: drawn }, accounts, events };
  },
};
