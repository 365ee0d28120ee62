/**
 * Texts for the legitimate `contest_editorial_rush` family, written here: what contestants and exam takers type after
 * a programming contest or a mock exam (asking how the official answer or the editorial's idea is reached), what they
 * paste during a contest, and a study group's editorial bot. Problems are real public items read at run time
 * (LeetCode statements from doocs, GAOKAO / LIMO maths, FLAN AQuA rows with their keys); no dataset text is stored.
 */
import type { Datasets } from '../../../lib/datasets.js';
import type { Rng } from '../../../lib/rng.js';
import { genProblem } from '../../../prompts/mathgen.js';
import { fillSlots, truncate } from './common.js';

export type EventKind = 'weekly_coding' | 'biweekly_coding' | 'mock_exam_zh' | 'math_round_en';

export interface Problem {
  /** Statement per language (coding contests have separate zh and en problem sets). */
  text: { en?: string; zh?: string };
  key: string;
  wrongKey: string;
  tech: { en: string; zh: string };
}

const TECH: { en: string; zh: string }[] = [
  { en: 'binary search on the answer', zh: '二分答案' },
  { en: 'a monotonic stack', zh: '单调栈' },
  { en: 'prefix sums', zh: '前缀和' },
  { en: 'two pointers', zh: '双指针' },
  { en: 'DP over subsets', zh: '状压DP' },
  { en: 'union-find', zh: '并查集' },
  { en: 'a greedy with a heap', zh: '贪心加优先队列' },
  { en: "Dijkstra's algorithm", zh: 'Dijkstra最短路' },
  { en: 'a sliding window', zh: '滑动窗口' },
  { en: 'a segment tree', zh: '线段树' },
  { en: 'topological sort', zh: '拓扑排序' },
  { en: 'interval DP', zh: '区间DP' },
];

const isLeetcode = (s: string): boolean => /^\d+\.\s/.test(s);

/** The problem set of one event. */
export function drawProblems(r: Rng, data: Datasets, kind: EventKind): Problem[] {
  const tech = () => r.pick(TECH);
  if (kind === 'weekly_coding' || kind === 'biweekly_coding') {
    const en = r.sample(
      data.pools.code_en.filter((s) => isLeetcode(s)),
      4,
    );
    const zh = r.sample(data.pools.code_zh, 4);
    return en.map((e, i) => ({
      text: { en: truncate(e, 3000), zh: truncate(zh[i] ?? e, 3000) },
      key: '',
      wrongKey: '',
      tech: tech(),
    }));
  }
  if (kind === 'mock_exam_zh') {
    return Array.from({ length: r.int(8, 14) }, () => {
      if (r.chance(0.35)) {
        const g = genProblem(r);
        return { text: { zh: g.zh }, key: String(g.answer), wrongKey: String(g.answer + r.int(1, 9)), tech: tech() };
      }
      const q = truncate(r.pick(data.pools.math_zh), 1500);
      const letters = ['A', 'B', 'C', 'D'];
      const key = r.pick(letters);
      return { text: { zh: q }, key, wrongKey: r.pick(letters.filter((l) => l !== key)), tech: tech() };
    });
  }
  const rows = data.cot.filter((c) => c.task === 'aqua' || c.task === 'gsm8k');
  return Array.from({ length: r.int(8, 15) }, () => {
    const row = r.pick(rows);
    const wrong = /^\(\w\)$/.test(row.a) ? r.pick(['(A)', '(B)', '(C)', '(D)', '(E)'].filter((x) => x !== row.a)) : '';
    return {
      text: { en: row.q },
      key: row.a,
      wrongKey: wrong || String((Number(row.a) || 10) + r.int(1, 9)),
      tech: tech(),
    };
  });
}

const UPSOLVE_EN = [
  "{p}\n\nI couldn't solve this in today's contest. Can you explain the approach step by step?",
  "{p}\n\nThe editorial says to use {tech}. I don't get why that works here, can you walk me through the reasoning?",
  'Contest problem:\n{p}\n\nMy idea was {wtech} but I got TLE on test {k}. Why is that too slow and what is the right way to think about it?',
  "{p}\n\nWhat's the key observation for this one? Please explain the intuition before any code.",
  '{p}\n\nexplain the editorial solution like I am a beginner',
  '{p}\n\nhow do you even come up with {tech} for this?',
];
const UPSOLVE_ZH = [
  '{p}\n\n今天周赛没做出来，能一步步讲一下思路吗？',
  '{p}\n\n题解说用{tech}，但我没看懂为什么可以这样做，能讲讲推理过程吗？',
  '周赛题：\n{p}\n\n我用的是{wtech}，第{k}个用例超时了。为什么会超时？正确思路是什么？',
  '{p}\n\n这题的关键观察是什么？先讲直觉，不要直接给代码。',
  '{p}\n\n看不懂题解，能讲得再通俗一点吗',
];
const EXAM_ZH = [
  '{p}\n答案是{a}，为什么？求详细过程',
  '{p}\n\n参考答案选{a}，我选的{b}，错在哪里？',
  '联考数学第{n}题：{p}\n答案{a}，能讲一下怎么想到的吗？',
  '{p}\n这道题答案{a}，但我算出来是{b}，麻烦一步步讲一下',
];
const ROUND_EN = [
  '{p}\nThe answer key says {a}. How do you get this? Please explain every step.',
  '{p}\n\nI picked {b} but the answer is {a}. What did I miss?',
  "Can someone explain problem {n} from today's round? {p} (answer: {a})",
  '{p}\n\nanswer is {a}, how??',
];
const DURING_EN = ['{p}\n\nsolve in C++', '{p}\n\ngive me working python code, fast', '{p}'];
const DURING_ZH = ['{p}\n\n给出C++代码', '{p}\n\n直接给代码', '{p}'];
const FOLLOW_EN = [
  'why is it O(n log n)?',
  'can you give the code in C++?',
  'what is the intuition though?',
  'why does the greedy choice not break later?',
  'ok but how would I think of that in the contest?',
  'can you do the example by hand?',
];
const FOLLOW_ZH = [
  '为什么复杂度是这个？',
  '能给一下C++代码吗？',
  '直觉上怎么理解？',
  '能用样例手动模拟一遍吗？',
  '比赛时怎么想到的？',
];
const TECH_WRONG = {
  en: ['brute force', 'a nested loop', 'plain DFS', 'sorting every query'],
  zh: ['暴力', '两重循环', '直接DFS', '每次询问都排序'],
};

export interface AskCtx {
  kind: EventKind;
  zh: boolean;
  pr: Problem;
  n: number;
}

/** A contestant's first message about one problem after the event (or during it, for the few who cheat). */
export function askText(r: Rng, a: AskCtx, during: boolean): string {
  const p = (a.zh ? a.pr.text.zh : a.pr.text.en) ?? a.pr.text.en ?? a.pr.text.zh ?? '';
  const slots = {
    p,
    tech: a.zh ? a.pr.tech.zh : a.pr.tech.en,
    wtech: r.pick(a.zh ? TECH_WRONG.zh : TECH_WRONG.en),
    k: r.int(12, 840),
    a: a.pr.key,
    b: a.pr.wrongKey,
    n: a.n,
  };
  if (during) return fillSlots(r.pick(a.zh ? DURING_ZH : DURING_EN), slots);
  const bank =
    a.kind === 'mock_exam_zh' ? EXAM_ZH : a.kind === 'math_round_en' ? ROUND_EN : a.zh ? UPSOLVE_ZH : UPSOLVE_EN;
  return fillSlots(r.pick(bank), slots);
}

export function followText(r: Rng, zh: boolean): string {
  return r.pick(zh ? FOLLOW_ZH : FOLLOW_EN);
}

const BOT_EDITORIAL = [
  'Write a contest editorial for the problem below. Sections: Key observation, Step-by-step solution, Why it is correct, Complexity, Reference code (C++ and Python). Be thorough; our members are beginners.\n\n{p}',
  '请为下面这道周赛题写一篇题解，包括：关键观察、分步思路、正确性说明、复杂度分析、C++和Python参考代码。群里很多新手，请写详细一些。\n\n{p}',
];
const BOT_RELAY = ['[#{ch}] {u} asks: {q}', '[{ch}] 群友{u}提问：{q}'];
const BOT_DAILY = [
  'Daily problem for the club: give a one-line hint first, then a full solution with explanation and complexity.\n\n{p}',
  '每日一题：先给一句提示，再给完整题解（含思路讲解和复杂度）。\n\n{p}',
];

export function botEditorial(zh: boolean, p: string): string {
  return fillSlots(BOT_EDITORIAL[zh ? 1 : 0]!, { p });
}
export function botRelay(r: Rng, zh: boolean, q: string): string {
  return fillSlots(BOT_RELAY[zh ? 1 : 0]!, {
    ch: r.pick(zh ? ['周赛讨论', '题解', '新手区'] : ['contest-talk', 'upsolve', 'help']),
    u: zh ? `${r.pick(['小', '阿', '老'])}${r.pick(['周', '王', '陈', '李', '赵'])}` : `user${r.int(10, 9999)}`,
    q,
  });
}
export function botDaily(zh: boolean, p: string): string {
  return fillSlots(BOT_DAILY[zh ? 1 : 0]!, { p });
}
