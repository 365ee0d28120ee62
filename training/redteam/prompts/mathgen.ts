/** Synthetic word problems with computed answers and solution steps, in English and Chinese. */
import type { Rng } from '../lib/rng.js';

export interface GenProblem {
  en: string;
  zh: string;
  answer: number;
  stepsEn: string[];
  stepsZh: string[];
}

type Gen = (r: Rng) => GenProblem;

const NAMES_EN = ['Maya', 'Omar', 'Lena', 'Jonah', 'Priya', 'Diego', 'Hana', 'Tom', 'Aisha', 'Victor', 'Noor', 'Sam'];
const NAMES_ZH = ['小明', '小红', '王阿姨', '李师傅', '张老师', '小刚', '刘叔叔', '陈同学', '小芳', '赵经理'];

const sales: Gen = (r) => {
  const a = r.int(12, 90);
  const b = r.int(3, 25);
  const d2 = a + b;
  const d3 = 2 * d2;
  const total = a + d2 + d3;
  return {
    en: `A bakery sold ${a} loaves on Monday. On Tuesday it sold ${b} more than on Monday, and on Wednesday it sold twice as many as on Tuesday. How many loaves did it sell over the three days?`,
    zh: `一家面包店星期一卖出${a}个面包，星期二比星期一多卖${b}个，星期三卖出的是星期二的2倍。三天一共卖出多少个面包？`,
    answer: total,
    stepsEn: [
      `Tuesday: ${a} + ${b} = ${d2}.`,
      `Wednesday: 2 × ${d2} = ${d3}.`,
      `Total: ${a} + ${d2} + ${d3} = ${total}.`,
    ],
    stepsZh: [
      `星期二：${a} + ${b} = ${d2}。`,
      `星期三：2 × ${d2} = ${d3}。`,
      `合计：${a} + ${d2} + ${d3} = ${total}。`,
    ],
  };
};

const discount: Gen = (r) => {
  const price = r.int(4, 60) * 5;
  const pct = r.pick([10, 15, 20, 25, 30, 40]);
  const k = r.int(2, 9);
  const unit = (price * (100 - pct)) / 100;
  const total = unit * k;
  const name = r.pick(NAMES_EN);
  return {
    en: `${name} buys ${k} jackets that normally cost $${price} each. The store gives ${pct}% off every jacket. How much does ${name} pay in total?`,
    zh: `${r.pick(NAMES_ZH)}买了${k}件外套，每件原价${price}元，商店每件打${(100 - pct) / 10}折。一共要付多少元？`,
    answer: total,
    stepsEn: [
      `Discount per jacket: ${pct}% of ${price} = ${price - unit}.`,
      `Sale price: ${unit}.`,
      `Total: ${k} × ${unit} = ${total}.`,
    ],
    stepsZh: [
      `每件优惠：${price} × ${pct}% = ${price - unit}元。`,
      `折后单价：${unit}元。`,
      `总价：${k} × ${unit} = ${total}元。`,
    ],
  };
};

const travel: Gen = (r) => {
  const v1 = r.int(30, 90);
  const t1 = r.int(2, 5);
  const v2 = r.int(40, 110);
  const t2 = r.int(1, 4);
  const d = v1 * t1 + v2 * t2;
  return {
    en: `A truck drives ${t1} hours at ${v1} km/h and then ${t2} hours at ${v2} km/h. How far does it travel in total?`,
    zh: `一辆卡车先以每小时${v1}千米的速度行驶了${t1}小时，又以每小时${v2}千米的速度行驶了${t2}小时。一共行驶了多少千米？`,
    answer: d,
    stepsEn: [
      `First leg: ${v1} × ${t1} = ${v1 * t1} km.`,
      `Second leg: ${v2} × ${t2} = ${v2 * t2} km.`,
      `Total: ${d} km.`,
    ],
    stepsZh: [`第一段：${v1} × ${t1} = ${v1 * t1}千米。`, `第二段：${v2} × ${t2} = ${v2 * t2}千米。`, `共${d}千米。`],
  };
};

const ages: Gen = (r) => {
  const young = r.int(5, 30);
  const diff = r.int(2, 28);
  const sum = 2 * young + diff;
  const [a, b] = r.sample(NAMES_EN, 2);
  return {
    en: `${a} is ${diff} years older than ${b}. The sum of their ages is ${sum}. How old is ${b}?`,
    zh: `哥哥比弟弟大${diff}岁，两人年龄之和是${sum}岁。弟弟今年几岁？`,
    answer: young,
    stepsEn: [
      `Let ${b}'s age be x, so ${a} is x + ${diff}.`,
      `2x + ${diff} = ${sum}, so 2x = ${sum - diff}.`,
      `x = ${young}.`,
    ],
    stepsZh: [`设弟弟x岁，哥哥x + ${diff}岁。`, `2x + ${diff} = ${sum}，2x = ${sum - diff}。`, `x = ${young}。`],
  };
};

const chickens: Gen = (r) => {
  const rabbits = r.int(3, 40);
  const chick = r.int(3, 40);
  const heads = rabbits + chick;
  const legs = 4 * rabbits + 2 * chick;
  return {
    en: `A farm has chickens and rabbits. There are ${heads} heads and ${legs} legs in total. How many rabbits are there?`,
    zh: `鸡兔同笼，共有${heads}个头，${legs}条腿。兔有多少只？`,
    answer: rabbits,
    stepsEn: [
      `If all were chickens: ${heads} × 2 = ${heads * 2} legs.`,
      `Extra legs: ${legs} - ${heads * 2} = ${legs - heads * 2}.`,
      `Each rabbit adds 2 legs: ${legs - heads * 2} / 2 = ${rabbits}.`,
    ],
    stepsZh: [
      `假设全是鸡：${heads} × 2 = ${heads * 2}条腿。`,
      `多出：${legs} - ${heads * 2} = ${legs - heads * 2}条。`,
      `兔：${legs - heads * 2} ÷ 2 = ${rabbits}只。`,
    ],
  };
};

const interest: Gen = (r) => {
  const p = r.int(2, 50) * 1000;
  const rate = r.pick([2, 3, 4, 5, 6]);
  const y = r.int(2, 6);
  const i = (p * rate * y) / 100;
  return {
    en: `Someone deposits $${p} at ${rate}% simple annual interest for ${y} years. How much money is in the account at the end?`,
    zh: `${r.pick(NAMES_ZH)}把${p}元存入银行，年利率${rate}%（单利），存${y}年。到期一共能取出多少元？`,
    answer: p + i,
    stepsEn: [
      `Interest per year: ${p} × ${rate}% = ${(p * rate) / 100}.`,
      `Over ${y} years: ${i}.`,
      `Total: ${p} + ${i} = ${p + i}.`,
    ],
    stepsZh: [`每年利息：${p} × ${rate}% = ${(p * rate) / 100}元。`, `${y}年利息：${i}元。`, `本息合计：${p + i}元。`],
  };
};

const reading: Gen = (r) => {
  const per1 = r.int(8, 30);
  const d1 = r.int(2, 7);
  const per2 = r.int(10, 40);
  const rest = per2 * r.int(2, 9);
  const pages = per1 * d1 + rest;
  return {
    en: `A book has ${pages} pages. ${r.pick(NAMES_EN)} reads ${per1} pages a day for ${d1} days, then ${per2} pages a day. How many more days does it take to finish the book?`,
    zh: `一本书共${pages}页，${r.pick(NAMES_ZH)}前${d1}天每天读${per1}页，之后每天读${per2}页。还要几天才能读完？`,
    answer: rest / per2,
    stepsEn: [
      `First ${d1} days: ${per1 * d1} pages.`,
      `Remaining: ${pages} - ${per1 * d1} = ${rest}.`,
      `${rest} / ${per2} = ${rest / per2} days.`,
    ],
    stepsZh: [
      `前${d1}天读了${per1 * d1}页。`,
      `剩下${pages} - ${per1 * d1} = ${rest}页。`,
      `${rest} ÷ ${per2} = ${rest / per2}天。`,
    ],
  };
};

const workRate: Gen = (r) => {
  const [a, b] = r.pick([
    [3, 6],
    [4, 12],
    [6, 12],
    [10, 15],
    [12, 24],
    [6, 3],
    [20, 30],
    [5, 20],
  ] as const);
  const t = (a * b) / (a + b);
  return {
    en: `One pipe fills a tank in ${a} hours and another fills it in ${b} hours. How long do they take together?`,
    zh: `一项工程，甲单独做${a}天完成，乙单独做${b}天完成。两人合作需要几天完成？`,
    answer: t,
    stepsEn: [
      `Rates: 1/${a} and 1/${b} per hour.`,
      `Combined: 1/${a} + 1/${b} = ${a + b}/${a * b}.`,
      `Time: ${a * b}/${a + b} = ${t} hours.`,
    ],
    stepsZh: [
      `甲每天完成1/${a}，乙每天完成1/${b}。`,
      `合作每天完成${a + b}/${a * b}。`,
      `需要${a * b}/${a + b} = ${t}天。`,
    ],
  };
};

const GENERATORS: Gen[] = [sales, discount, travel, ages, chickens, interest, reading, workRate];

export function genProblem(rng: Rng): GenProblem {
  return rng.pick(GENERATORS)(rng);
}
