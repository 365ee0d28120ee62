import type { FamilySpec } from '../../lib/family.js';
import type { Account, DraftEvent } from '../../lib/types.js';
import { DAY, HOUR, MIN, SEC, awake, bump, legitCreatedAt, localHour, round } from './lib/common.js';
import {
  askText,
  botDaily,
  botEditorial,
  botRelay,
  drawProblems,
  followText,
  type EventKind,
  type Problem,
} from './lib/contest.js';

/**
 * Legitimate: the upsolving rush after competitions. Once a weekly or biweekly programming contest ends (LeetCode-
 * style, Sunday 02:30 and Saturday 14:30 UTC, separate Chinese and English problem sets), once a regional online mock
 * exam publishes its answer key (20:00 Beijing), or once an English maths round closes, hundreds of unrelated people
 * - contestants and pupils all over the world, on home broadband, in university dorms behind one address, on phones
 * behind carrier NAT, each with their own card and browser - paste the SAME problem statements within a few hours,
 * many quoting the official answer or the editorial's technique and asking how it is reached ("the key says C, why?",
 * "the editorial says binary search on the answer, walk me through the reasoning"), then follow up. A few paste the
 * problems during the contest. A programming club's editorial bot (one service account on a cloud VM) posts every
 * problem with a fixed editorial template minutes after the end, relays members' questions for a day and sends a
 * daily problem. Otherwise these accounts are ordinary individuals with light everyday use. It resembles a harvest
 * on several axes: identical templated content across many accounts, tight synchrony with an external clock,
 * answer-to-reasoning requests, a narrow capability (competitive programming / exam maths) and a templated bot.
 */

interface Ev {
  kind: EventKind;
  start: number;
  end: number;
  /** When the editorial or answer key appears. */
  release: number;
  problems: Problem[];
}

const EN_TZ: readonly (readonly [number, number])[] = [
  [5.5, 4],
  [-5, 2],
  [-8, 2],
  [1, 2],
  [3, 1],
  [0, 1],
  [7, 1],
  [9, 1],
  [-3, 1],
];

export const spec: FamilySpec = {
  name: 'contest_editorial_rush',
  kind: 'legit',
  description:
    "The upsolving rush after competitions: when a weekly/biweekly programming contest ends (separate zh and en problem sets), a regional mock exam publishes its answer key or an English maths round closes, hundreds of unrelated contestants and pupils worldwide (home broadband, university dorms behind one address, phones behind carrier NAT, own cards and browsers) paste the same problem statements within hours, often quoting the official answer or the editorial's technique and asking how it is reached, then follow up; a few paste problems during the contest; a programming club's editorial bot (one cloud service account) posts every problem with a fixed editorial template minutes after the end, relays members' questions and sends a daily problem; otherwise light everyday use.",
  generate(ctx) {
    const { kit, rng, data, world, models } = ctx;
    const { start, end } = ctx.window;
    const er = rng.fork('events');
    const dayWithDow = (dow: number): number => {
      for (let d = 0; d < 7; d++) if (new Date(start + d * DAY).getUTCDay() === dow) return start + d * DAY;
      return start;
    };
    const events: Ev[] = [];
    const addEv = (kind: EventKind, s: number, dur: number, releaseAfterH: number) => {
      if (s + dur * HOUR >= end - 2 * HOUR || s < start) return;
      events.push({
        kind,
        start: s,
        end: s + dur * HOUR,
        release: s + dur * HOUR + releaseAfterH * HOUR,
        problems: drawProblems(er.fork(kind), data, kind),
      });
    };
    if (er.chance(0.85)) addEv('weekly_coding', dayWithDow(0) + 2.5 * HOUR, 1.5, er.float(0.5, 5));
    if (er.chance(0.5)) addEv('biweekly_coding', dayWithDow(6) + 14.5 * HOUR, 1.5, er.float(0.5, 5));
    if (er.chance(0.5)) addEv('mock_exam_zh', start + er.int(0, 5) * DAY, 2, 10);
    if (er.chance(0.4)) addEv('math_round_en', start + er.int(0, 5) * DAY + 23 * HOUR, 1.5, er.float(0, 2));
    if (events.length === 0) addEv('weekly_coding', start + er.int(0, 4) * DAY + 2.5 * HOUR, 1.5, 2);
    events.sort((a, b) => a.start - b.start);

    const pr = rng.fork('population');
    const nPart = Math.max(12, Math.round(pr.int(150, 400) * ctx.scale));
    const dormShare = round(pr.float(0.1, 0.3), 3);
    const cheatShare = round(pr.float(0.02, 0.1), 3);
    const dorms = {
      zh: Array.from({ length: pr.int(2, 4) }, () => kit.ip.homeIp(pr, world)),
      en: Array.from({ length: pr.int(1, 3) }, () => kit.ip.homeIp(pr, world)),
    };

    const accounts: Account[] = [];
    const out: DraftEvent[] = [];
    const pasters = new Map<string, Set<string>>();
    const perEvent: Record<string, number> = {};
    let rushRequests = 0;
    let withinThreeHours = 0;
    let duringRequests = 0;
    let everyday = 0;
    let dormUsers = 0;

    for (let i = 0; i < nPart; i++) {
      const r = rng.fork(`p${i}`);
      const zh = r.chance(0.45);
      const tz = zh ? 8 : r.weighted(EN_TZ);
      const role = zh ? (r.chance(0.55) ? 'cp' : 'exam') : r.chance(0.7) ? 'cp' : 'round';
      const dorm = role === 'cp' && r.chance(dormShare) ? r.pick(zh ? dorms.zh : dorms.en) : null;
      if (dorm) dormUsers++;
      const carrier = !dorm && r.chance(0.15) ? r.pick(world.carriers).ips : null;
      const home = kit.ip.homeIp(r, world);
      const ua = carrier || r.chance(0.2) ? kit.ua.mobileUa(r) : kit.ua.browserUa(r);
      const card = kit.newCard(r);
      const wake: [number, number] = [r.int(7, 10), r.int(23, 26)];
      const adopt = { prob: r.float(0.3, 0.9), lag: r.float(0, 96) };
      const drafts: { t: number; prompt: string }[] = [];

      for (const ev of events) {
        const fits =
          (role === 'cp' && (ev.kind === 'weekly_coding' || ev.kind === 'biweekly_coding')) ||
          (role === 'exam' && ev.kind === 'mock_exam_zh') ||
          (role === 'round' && ev.kind === 'math_round_en');
        if (!fits || !r.chance(0.75)) continue;
        bump(perEvent, ev.kind);
        const weights = ev.problems.map((_, j) => (ev.kind.endsWith('coding') ? ([1, 2, 3, 3][j] ?? 1) : 1));
        const pick = () => r.weighted(ev.problems.map((p, j) => [j, weights[j] ?? 1] as const));
        const paste = (j: number) => {
          const key = `${ev.kind}:${j}:${zh ? 'zh' : 'en'}`;
          if (!pasters.has(key)) pasters.set(key, new Set());
          return key;
        };
        const who: string[] = [];
        // A few paste problems while the contest runs.
        if (ev.kind.endsWith('coding') && r.chance(cheatShare)) {
          let t = ev.start + r.float(10, 70) * MIN;
          for (let c = r.int(1, 3); c > 0 && t < ev.end; c--) {
            const j = pick();
            drafts.push({ t, prompt: askText(r, { kind: ev.kind, zh, pr: ev.problems[j]!, n: j + 1 }, true) });
            who.push(paste(j));
            duringRequests++;
            t += r.float(8, 30) * MIN;
          }
        }
        // The rush: after the end or after the editorial / key, when awake.
        const base = ev.kind === 'mock_exam_zh' || r.chance(0.4) ? ev.release : ev.end;
        let t = base + r.logNormal(ev.kind === 'mock_exam_zh' ? 25 : 45, 1) * MIN;
        for (let g = 0; g < 30 && !awake(localHour(t, tz), wake[0], wake[1]); g++) t += HOUR;
        const asks = r.weighted([
          [1, 4],
          [2, 3],
          [3, 2],
          [4, 1],
        ] as const);
        const done = new Set<number>();
        for (let k = 0; k < asks && t < end - MIN; k++) {
          const j = pick();
          if (done.has(j)) continue;
          done.add(j);
          drafts.push({ t, prompt: askText(r, { kind: ev.kind, zh, pr: ev.problems[j]!, n: j + 1 }, false) });
          who.push(paste(j));
          rushRequests++;
          if (t - ev.end < 3 * HOUR) withinThreeHours++;
          let u = t;
          for (
            let f = r.weighted([
              [0, 3],
              [1, 3],
              [2, 2],
              [3, 1],
            ] as const);
            f > 0;
            f--
          ) {
            u += r.float(40, 240) * SEC;
            if (u >= end) break;
            drafts.push({ t: u, prompt: followText(r, zh) });
            rushRequests++;
          }
          t = u + r.float(3, 25) * MIN;
        }
        for (const key of who) pasters.get(key)?.add(String(i));
      }
      // Light everyday use.
      const nDay = r.logInt(2, 30);
      const interest = zh ? r.pick(['coder_zh', 'generalist_zh']) : r.pick(['coder_en', 'generalist_en', 'bilingual']);
      const times = kit.time.humanTimes(r, nDay, ctx.span, {
        tzHours: tz,
        profile: 'student',
        weekendFactor: 1.2,
        sessionMean: r.float(1.5, 4),
        gapMedianSec: r.float(30, 120),
        dayOffProb: 0.25,
      });
      for (const t of times) {
        const prompt =
          role !== 'cp' && r.chance(0.5)
            ? kit.prompts.legit.studentPrompt(r, data, zh)
            : kit.prompts.benign.chatPrompt(
                r,
                data,
                kit.prompts.benign.INDIVIDUAL_INTERESTS[interest] ?? { chat_en: 1 },
                zh,
              );
        drafts.push({ t, prompt });
        everyday++;
      }
      const inWin = drafts.filter((d) => d.t >= start && d.t < end).sort((a, b) => a.t - b.t);
      if (inWin.length === 0) continue;
      const acct = kit.newAccount(r, {
        createdAt: legitCreatedAt(r, start, inWin[0]!.t),
        signupPath: role !== 'cp' || r.chance(0.3) ? (r.chance(0.4) ? 'education' : 'standard') : 'standard',
      });
      accounts.push(acct);
      for (const d of inWin) {
        const ip = dorm ?? (carrier ? r.pick(carrier) : home);
        out.push(
          kit.emit(
            r,
            world,
            acct,
            d.t,
            d.prompt,
            { ip, pf: card, ua },
            kit.adoptModel(r, models, d.t, adopt.prob, adopt.lag),
          ),
        );
      }
    }

    // A programming club's editorial bot.
    const br = rng.fork('bots');
    const nBots = br.chance(0.75) ? br.int(1, 2) : 0;
    let botCalls = 0;
    for (let b = 0; b < nBots; b++) {
      const r = br.fork(`bot${b}`);
      const zh = r.chance(0.5);
      const acct = kit.newAccount(r, {
        createdAt: start - r.float(60, 500) * DAY,
        signupPath: 'standard',
        orgId: kit.newOrgId(r),
      });
      const id = { ip: kit.ip.cloudIp(r, world), pf: kit.newCard(r), ua: kit.ua.sdkUa(r) };
      const drafts: { t: number; prompt: string }[] = [];
      for (const ev of events.filter((e) => e.kind.endsWith('coding'))) {
        let t = ev.end + r.float(5, 25) * MIN;
        ev.problems.forEach((p) => {
          drafts.push({ t, prompt: botEditorial(zh, (zh ? p.text.zh : p.text.en) ?? '') });
          t += r.float(20, 90) * SEC;
        });
        for (let q = r.int(8, 40); q > 0; q--) {
          const j = r.int(0, ev.problems.length - 1);
          const u = ev.end + r.exp(5 * HOUR);
          drafts.push({
            t: u,
            prompt: botRelay(r, zh, askText(r, { kind: ev.kind, zh, pr: ev.problems[j]!, n: j + 1 }, false)),
          });
        }
      }
      const dailyHour = r.int(0, 23);
      for (let d = Math.floor(start / DAY) * DAY; d < end; d += DAY) {
        const t = d + dailyHour * HOUR + r.float(0, 90) * SEC;
        const p = r.pick(zh ? data.pools.code_zh : data.pools.code_en.filter((s) => /^\d+\.\s/.test(s)));
        drafts.push({ t, prompt: botDaily(zh, p) });
      }
      const inWin = drafts.filter((d) => d.t >= start && d.t < end).sort((a, b2) => a.t - b2.t);
      if (inWin.length === 0) continue;
      accounts.push(acct);
      for (const d of inWin) {
        out.push(kit.emit(r, world, acct, d.t, d.prompt, id, kit.adoptModel(r, models, d.t, 0.3, r.float(24, 96))));
        botCalls++;
      }
    }

    const shared = [...pasters.values()].map((s) => s.size);
    return {
      params: {
        events: events.map((e) => ({
          kind: e.kind,
          start: kit.iso(e.start),
          end: kit.iso(e.end),
          release: kit.iso(e.release),
          problems: e.problems.length,
        })),
        participants: nPart,
        participants_by_event: perEvent,
        dorm_share: dormShare,
        dorm_users: dormUsers,
        cheat_share: cheatShare,
        bots: nBots,
        rush_requests: rushRequests,
        rush_first_asks_within_3h_of_end: withinThreeHours,
        during_contest_requests: duringRequests,
        everyday_requests: everyday,
        bot_requests: botCalls,
        accounts_per_problem_text: {
          max: shared.length > 0 ? Math.max(...shared) : 0,
          mean: round(shared.reduce((s, x) => s + x, 0) / Math.max(1, shared.length), 2),
        },
      },
      accounts,
      events: out,
    };
  },
};
