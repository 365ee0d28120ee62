import type { Rng } from '../rng.js';
import type { Lang } from '../types.js';

/** Procedurally generated problems with their final answers (math, logic), English and Chinese. */
export interface Problem {
  problem: string;
  answer: string;
}

type Maker = (r: Rng) => Problem;

const NAMES_EN = ['Maria', 'Tom', 'Aisha', 'Kenji', 'Lucas', 'Priya', 'Sam', 'Olga', 'Diego', 'Emma'];
const NAMES_ZH = ['小明', '小红', '王阿姨', '李老师', '张伟', '刘洋', '陈静', '赵磊', '小芳', '周杰'];

const EN: Maker[] = [
  (r) => {
    const a = r.int(12, 90),
      b = r.int(2, 9),
      c = r.int(3, 20);
    return {
      problem: `${r.pick(NAMES_EN)} buys ${b} notebooks at $${a / 10} each and a pen for $${c}. How much does she spend in total?`,
      answer: `$${((a / 10) * b + c).toFixed(2)}`,
    };
  },
  (r) => {
    const v = r.int(40, 110),
      t = r.int(2, 7);
    return { problem: `A train travels at ${v} km/h for ${t} hours. How far does it go?`, answer: `${v * t} km` };
  },
  (r) => {
    const w = r.int(3, 15),
      h = r.int(3, 15);
    return {
      problem: `A rectangle is ${w} cm wide and ${h} cm tall. What is its area and perimeter?`,
      answer: `area ${w * h} cm², perimeter ${2 * (w + h)} cm`,
    };
  },
  (r) => {
    const x = r.int(2, 12),
      a = r.int(2, 9),
      b = r.int(1, 30);
    return { problem: `Solve for x: ${a}x + ${b} = ${a * x + b}.`, answer: `x = ${x}` };
  },
  (r) => {
    const p = r.int(10, 60),
      d = r.pick([10, 15, 20, 25, 30]);
    return {
      problem: `A jacket costs $${p * 5}. It is discounted by ${d}%. What is the sale price?`,
      answer: `$${(p * 5 * (1 - d / 100)).toFixed(2)}`,
    };
  },
  (r) => {
    const n = r.int(3, 9);
    return {
      problem: `How many handshakes happen if ${n + 2} people each shake hands with everyone else once?`,
      answer: `${((n + 2) * (n + 1)) / 2}`,
    };
  },
  (r) => {
    const a = r.int(2, 6),
      b = r.int(2, 6);
    return {
      problem: `A bag has ${a} red and ${b} blue marbles. If you draw one at random, what is the probability it is red?`,
      answer: `${a}/${a + b}`,
    };
  },
  (r) => {
    const k = r.int(3, 8),
      m = r.int(20, 60);
    return {
      problem: `${r.pick(NAMES_EN)} reads ${m} pages a day. The book has ${m * k + r.int(1, m - 1)} pages. How many days does it take to finish?`,
      answer: `${k + 1} days`,
    };
  },
  (r) => {
    const y = r.int(2, 5),
      p = r.pick([1000, 2000, 5000]),
      i = r.pick([3, 4, 5]);
    return {
      problem: `$${p} is invested at ${i}% simple interest for ${y} years. What is the total amount at the end?`,
      answer: `$${p + (p * i * y) / 100}`,
    };
  },
  (r) => {
    const a = r.int(3, 9);
    return { problem: `Is ${a * a + 1} a prime number?`, answer: isPrime(a * a + 1) ? 'yes' : 'no' };
  },
  (r) => {
    const s = r.pick([
      'All bloops are razzies and all razzies are lazzies. Are all bloops lazzies?',
      'If it rains the ground is wet. The ground is not wet. Did it rain?',
      'A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?',
    ]);
    return { problem: s, answer: s.startsWith('All') ? 'yes' : s.startsWith('If') ? 'no' : '$0.05' };
  },
];

const ZH: Maker[] = [
  (r) => {
    const a = r.int(2, 9),
      b = r.int(3, 12),
      c = r.int(5, 30);
    return {
      problem: `${r.pick(NAMES_ZH)}买了${b}支铅笔，每支${a}元，又买了一个${c}元的文具盒，一共花了多少钱？`,
      answer: `${a * b + c}元`,
    };
  },
  (r) => {
    const v = r.int(40, 110),
      t = r.int(2, 7);
    return { problem: `一辆汽车每小时行驶${v}千米，${t}小时能行驶多少千米？`, answer: `${v * t}千米` };
  },
  (r) => {
    const w = r.int(3, 15),
      h = r.int(3, 15);
    return {
      problem: `一个长方形长${w}厘米，宽${h}厘米，它的面积和周长各是多少？`,
      answer: `面积${w * h}平方厘米，周长${2 * (w + h)}厘米`,
    };
  },
  (r) => {
    const x = r.int(2, 12),
      a = r.int(2, 9),
      b = r.int(1, 30);
    return { problem: `解方程：${a}x + ${b} = ${a * x + b}。`, answer: `x = ${x}` };
  },
  (r) => {
    const p = r.int(10, 60) * 10,
      d = r.pick([8, 7, 9]);
    return { problem: `一件衣服原价${p}元，现在打${d}折出售，现价是多少元？`, answer: `${(p * d) / 10}元` };
  },
  (r) => {
    const n = r.int(5, 11);
    return { problem: `${n}个人每两人之间握一次手，一共握多少次手？`, answer: `${(n * (n - 1)) / 2}次` };
  },
  (r) => {
    const h = r.int(8, 20),
      f = r.int(20, 50);
    const legs = f * 2;
    return {
      problem: `鸡兔同笼，共有${h + f}个头，${legs + h * 2}只脚，鸡和兔各有多少只？`,
      answer: `鸡${f}只，兔${h}只`,
    };
  },
  (r) => {
    const k = r.int(3, 8),
      m = r.int(20, 60);
    return { problem: `一本书有${m * k}页，${r.pick(NAMES_ZH)}每天看${m}页，几天能看完？`, answer: `${k}天` };
  },
  (r) => {
    const a = r.int(2, 6),
      b = r.int(2, 6);
    return { problem: `袋子里有${a}个红球和${b}个白球，随机摸出一个，摸到红球的概率是多少？`, answer: `${a}/${a + b}` };
  },
  (r) => {
    const w = r.int(4, 9);
    return {
      problem: `一项工程甲单独做${w}天完成，乙单独做${w * 2}天完成，两人合作几天完成？`,
      answer: `${((w * 2) / 3).toFixed(2)}天`,
    };
  },
  (r) => {
    const s = r.pick([
      '所有的A都是B，所有的B都是C，那么所有的A都是C吗？',
      '如果下雨，地面就会湿。现在地面没有湿，那么下雨了吗？',
    ]);
    return { problem: s, answer: s.startsWith('所有') ? '是' : '没有' };
  },
];

function isPrime(n: number): boolean {
  for (let i = 2; i * i <= n; i++) if (n % i === 0) return false;
  return n > 1;
}

export function makeProblem(r: Rng, lang: Lang): Problem {
  return r.pick(lang === 'en' ? EN : ZH)(r);
}
