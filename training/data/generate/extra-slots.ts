/**
 * Slot values for the extra (train-side only) families: written for this project, short, in
 * several domains beyond school math. `a` is a good answer, `b` a weaker one.
 */
export interface XQA {
  q: string;
  a: string;
  b: string;
}

export const XQA_EN: readonly XQA[] = [
  { q: 'What does the Python expression len(set([1, 2, 2, 3, 3, 3])) return?', a: '3', b: '6' },
  {
    q: 'Which is heavier: a kilogram of feathers or a kilogram of iron?',
    a: 'Neither; both weigh one kilogram.',
    b: 'The iron.',
  },
  {
    q: 'Why does ice float on water?',
    a: 'Ice is less dense than liquid water because hydrogen bonds lock the molecules into an open lattice.',
    b: 'Because it is cold.',
  },
  {
    q: 'A tenant gives notice by email but the lease requires written notice by post. Is the notice valid?',
    a: 'Possibly not: if the lease specifies postal notice, email may not satisfy it unless the landlord accepted it or local law treats email as writing.',
    b: 'Yes, email always counts.',
  },
  {
    q: 'A patient on warfarin starts a course of a strong antibiotic. What should be monitored?',
    a: 'The INR, since many antibiotics potentiate warfarin and raise bleeding risk.',
    b: 'Nothing in particular.',
  },
  { q: 'Which country has the longest coastline in the world?', a: 'Canada.', b: 'Australia.' },
  {
    q: 'Five people finish a race. Ana beats Ben, Ben beats Cai, Dee beats Ana, and Eve finishes last. Who wins?',
    a: 'Dee.',
    b: 'Ana.',
  },
  { q: 'What is the time complexity of binary search on a sorted array of n items?', a: 'O(log n).', b: 'O(n).' },
  {
    q: 'Why is the sky blue?',
    a: 'Shorter blue wavelengths are scattered much more strongly by air molecules (Rayleigh scattering), so blue light reaches us from all directions.',
    b: 'Because it reflects the ocean.',
  },
  { q: 'Who wrote "One Hundred Years of Solitude"?', a: 'Gabriel García Márquez.', b: 'Jorge Luis Borges.' },
  {
    q: 'What is wrong with: for i in range(len(xs)): xs.remove(xs[i])?',
    a: 'It mutates the list while iterating by index, so elements are skipped and it eventually raises IndexError.',
    b: 'Nothing, it clears the list.',
  },
  {
    q: 'If all squares are rectangles and some rectangles are red, must some squares be red?',
    a: 'No; the red rectangles need not be squares.',
    b: 'Yes.',
  },
  {
    q: 'What is the boiling point of water at the top of a high mountain compared with sea level?',
    a: 'Lower, because air pressure is lower.',
    b: 'Higher, because it is colder.',
  },
  {
    q: 'Is a verbal contract to sell land enforceable in most common-law jurisdictions?',
    a: 'Generally no; the statute of frauds requires contracts for land to be in writing.',
    b: 'Yes, any agreement is binding.',
  },
];

export const XQA_ZH: readonly XQA[] = [
  { q: 'Python表达式 len(set([1, 2, 2, 3, 3, 3])) 的结果是多少？', a: '3', b: '6' },
  { q: '一公斤棉花和一公斤铁哪个更重？', a: '一样重，都是一公斤。', b: '铁更重。' },
  { q: '冰为什么能浮在水面上？', a: '因为氢键使冰形成疏松的晶格结构，冰的密度比液态水小。', b: '因为冰是冷的。' },
  {
    q: '租房合同约定须书面邮寄通知退租，租客只发了微信消息，通知有效吗？',
    a: '不一定有效：合同约定了通知方式，微信消息是否满足要看房东是否认可以及当地法律对书面形式的认定。',
    b: '有效，发了就行。',
  },
  {
    q: '服用华法林的病人开始使用强效抗生素，需要监测什么？',
    a: '需要监测INR，因为许多抗生素会增强华法林的作用，增加出血风险。',
    b: '不需要特别监测。',
  },
  { q: '世界上海岸线最长的国家是哪个？', a: '加拿大。', b: '澳大利亚。' },
  {
    q: '甲、乙、丙三人中只有一人说真话。甲说乙在说谎，乙说丙在说谎，丙说甲和乙都在说谎。谁说的是真话？',
    a: '乙。',
    b: '丙。',
  },
  { q: '在长度为n的有序数组上做二分查找，时间复杂度是多少？', a: 'O(log n)。', b: 'O(n)。' },
  {
    q: '天空为什么是蓝色的？',
    a: '空气分子对短波长的蓝光散射更强（瑞利散射），所以天空各个方向都呈现蓝色。',
    b: '因为天空反射了大海的颜色。',
  },
  { q: '《百年孤独》的作者是谁？', a: '加西亚·马尔克斯。', b: '博尔赫斯。' },
  { q: '为什么高山上烧水不容易煮熟饭？', a: '高山气压低，水的沸点低于100℃，温度不够。', b: '因为山上风大。' },
  { q: '鸡兔同笼，共有头35个、脚94只，鸡和兔各有多少只？', a: '鸡23只，兔12只。', b: '鸡20只，兔15只。' },
  {
    q: '劳动合同没有约定试用期，公司能单方面延长试用期吗？',
    a: '不能，试用期必须在劳动合同中约定，且同一用人单位与同一劳动者只能约定一次。',
    b: '可以，公司说了算。',
  },
  { q: '“床前明月光”的下一句是什么？', a: '疑是地上霜。', b: '低头思故乡。' },
];

export const DOCS_EN: readonly { doc: string; sum: string }[] = [
  {
    doc: 'The city council voted 7-2 on Tuesday to extend the bike-lane network by 40 km over three years, funded partly by a parking-fee increase. Opponents argued that small businesses on Main Street would lose customers.',
    sum: 'The council approved a 40 km bike-lane expansion funded by higher parking fees, despite business concerns.',
  },
  {
    doc: 'Researchers found that people who took a 20-minute walk after meals had lower blood sugar spikes than those who sat still. The effect was strongest after dinner.',
    sum: 'Walking after meals reduces blood sugar spikes, especially after dinner.',
  },
  {
    doc: 'The company reported quarterly revenue of $2.1 billion, up 8% year on year, but cut its full-year forecast because of weaker demand in Europe.',
    sum: 'Revenue grew 8% to $2.1B but the annual outlook was lowered on weak European demand.',
  },
];

export const DOCS_ZH: readonly { doc: string; sum: string }[] = [
  {
    doc: '市政府周二宣布，将在未来三年新增40公里自行车道，部分资金来自停车费上调。部分商户担心主干道客流会因此减少。',
    sum: '市政府计划三年新增40公里自行车道，资金部分来自停车费上调，商户对此有顾虑。',
  },
  {
    doc: '研究发现，饭后散步20分钟的人血糖峰值明显低于饭后久坐的人，晚饭后的效果最明显。',
    sum: '饭后散步能降低血糖峰值，晚饭后效果最好。',
  },
  {
    doc: '该公司公布季度营收21亿美元，同比增长8%，但因欧洲需求疲软下调了全年业绩预期。',
    sum: '公司季度营收同比增长8%，但下调全年预期。',
  },
];

export const CODE_TASKS: readonly { task: string; sol: string }[] = [
  {
    task: 'Write a function that returns the second largest distinct number in a list.',
    sol: 'def second_largest(xs):\n    s = sorted(set(xs))\n    return s[-2] if len(s) > 1 else None',
  },
  {
    task: 'Write a function that checks whether a string has balanced parentheses.',
    sol: 'def balanced(s):\n    d = 0\n    for c in s:\n        d += 1 if c == "(" else -1 if c == ")" else 0\n        if d < 0: return False\n    return d == 0',
  },
  {
    task: 'Implement FizzBuzz for 1..n in JavaScript.',
    sol: 'for (let i = 1; i <= n; i++) console.log(i % 15 === 0 ? "FizzBuzz" : i % 3 === 0 ? "Fizz" : i % 5 === 0 ? "Buzz" : i);',
  },
  {
    task: 'Return the indices of two numbers in an array that add up to a target.',
    sol: 'def two_sum(a, t):\n    seen = {}\n    for i, x in enumerate(a):\n        if t - x in seen: return [seen[t - x], i]\n        seen[x] = i',
  },
];

export const MOVIES_EN: readonly string[] = [
  'Inception',
  'Spirited Away',
  'The Godfather',
  'Parasite',
  'Everything Everywhere All at Once',
  'Interstellar',
];
export const MOVIES_ZH: readonly string[] = [
  '《流浪地球》',
  '《霸王别姬》',
  '《让子弹飞》',
  '《千与千寻》',
  '《你好，李焕英》',
  '《星际穿越》',
];
export const CRIT_EN: readonly string[] = [
  'helpfulness',
  'harmlessness',
  'honesty',
  'coherence',
  'fluency',
  'relevance',
  'consistency',
  'correctness',
  'completeness',
];
export const CRIT_ZH: readonly string[] = [
  '有用性',
  '无害性',
  '诚实性',
  '连贯性',
  '流畅性',
  '相关性',
  '一致性',
  '正确性',
  '完整性',
];
export const SCALES_EN: readonly string[] = ['1-5', '1-10', '0-100', 'A-F letter grade', '1-7'];
export const SCALES_ZH: readonly string[] = ['1-5分', '1-10分', '0-100分', 'A/B/C/D等级', '百分制'];
