import type { Rng } from '../rng.js';
import type { Lang } from '../types.js';

/**
 * Slot values for the extra-v3 (train side only) families, written for this project. Slot names
 * all start with `y` (no name of `Slots` or of the extra-v2 slots does), and `Y3Slots` only
 * draws random numbers when one of its own names is asked for, so the families that do not use
 * them generate exactly what they did before.
 *
 * `a` is a correct answer, `b` a wrong or weaker one, `dom` the question's domain.
 */
export interface YQA { q: string; a: string; b: string; dom: string }

export const YQA_EN: readonly YQA[] = [
  { dom: 'programming', q: 'Why does 0.1 + 0.2 == 0.3 evaluate to False in Python?', a: 'Because 0.1 and 0.2 have no exact binary floating-point representation; their sum is 0.30000000000000004, not exactly 0.3.', b: 'Because Python compares floats by reference.' },
  { dom: 'programming', q: 'What does console.log([10, 1, 2].sort()) print in JavaScript?', a: '[1, 10, 2], because the default sort compares the elements as strings.', b: '[1, 2, 10]' },
  { dom: 'programming', q: 'A Python function is defined as def add(x, items=[]). What goes wrong when it is called several times?', a: 'The default list is created once, when the function is defined, so items accumulate across calls.', b: 'Nothing; a fresh list is created on every call.' },
  { dom: 'programming', q: 'Which SQL join returns every row of the left table even when there is no matching row on the right?', a: 'A LEFT (OUTER) JOIN.', b: 'An INNER JOIN.' },
  { dom: 'law', q: 'A shop mistakenly labels a television at $5. Does it have to sell it at that price?', a: 'Generally not: a price label is usually an invitation to treat rather than an offer, so the shop may refuse, although consumer-protection rules vary.', b: 'Yes, the label is a binding offer.' },
  { dom: 'law', q: 'Someone finds a wallet on the pavement and keeps the cash inside. Is that a crime in most jurisdictions?', a: 'Often yes: keeping found property without reasonable efforts to return it can amount to theft by finding.', b: 'No, finders keepers.' },
  { dom: 'law', q: 'Can a landlord enter a rented flat without notice to check its condition?', a: 'In most places no: except in emergencies the landlord must give reasonable notice, often 24 hours, as required by the lease or local law.', b: 'Yes, it is the landlord\'s property.' },
  { dom: 'medicine', q: 'Why are antibiotics ineffective against the common cold?', a: 'Colds are caused by viruses, and antibiotics act only on bacteria.', b: 'Because a cold is too mild to need them.' },
  { dom: 'medicine', q: 'A 58-year-old has crushing chest pain spreading to the left arm, with sweating and nausea. What must be ruled out first?', a: 'An acute coronary syndrome (heart attack), with an ECG and troponin straight away.', b: 'Acid reflux.' },
  { dom: 'medicine', q: 'Why should ibuprofen be used with caution in people with kidney disease?', a: 'NSAIDs reduce prostaglandin-dependent blood flow to the kidneys and can worsen kidney function.', b: 'It has no effect on the kidneys.' },
  { dom: 'physics', q: 'A bowling ball and a tennis ball are dropped from the same height in a vacuum. Which lands first?', a: 'They land together: without air resistance every object falls with the same acceleration.', b: 'The bowling ball, because it is heavier.' },
  { dom: 'physics', q: 'Why does a spoon standing in a glass of water look bent?', a: 'Light refracts where it passes between water and air, which shifts the apparent position of the submerged part.', b: 'The water pressure bends the spoon slightly.' },
  { dom: 'physics', q: 'If a car doubles its speed, how does its braking distance change, all else equal?', a: 'It roughly quadruples, because kinetic energy grows with the square of speed.', b: 'It doubles.' },
  { dom: 'logic', q: 'A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?', a: '5 cents.', b: '10 cents.' },
  { dom: 'logic', q: 'Three boxes are labelled "apples", "oranges" and "mixed", and every label is wrong. You may take one fruit from one box. Which box should you pick from to relabel all three?', a: 'The box labelled "mixed": it holds only one kind of fruit, which then fixes the other two labels.', b: 'The box labelled "apples".' },
  { dom: 'logic', q: 'If 5 machines take 5 minutes to make 5 widgets, how long do 100 machines take to make 100 widgets?', a: '5 minutes.', b: '100 minutes.' },
  { dom: 'logic', q: 'Tom is taller than Ann, Ann is taller than Raj, and Raj is taller than Lee. Who is the second shortest?', a: 'Raj.', b: 'Ann.' },
  { dom: 'everyday science', q: 'Why do councils spread salt on icy roads?', a: 'Salt lowers the freezing point of water, so ice melts even below 0 °C.', b: 'Salt heats the road surface.' },
  { dom: 'everyday science', q: 'Why does bread go stale faster in the fridge than on the counter?', a: 'Cool temperatures speed up starch retrogradation, the recrystallisation that makes bread firm and dry.', b: 'The fridge kills the yeast.' },
  { dom: 'everyday science', q: 'Why might a full glass bottle of water crack in the freezer?', a: 'Water expands by about 9% when it freezes, and the rigid bottle cannot make room for it.', b: 'The cold makes the glass soft.' },
  { dom: 'economics', q: 'If the supply of a good falls while demand stays the same, what usually happens to its price?', a: 'The price usually rises.', b: 'The price falls.' },
  { dom: 'economics', q: 'A savings account pays 3% interest while inflation is 4%. Does the saver\'s purchasing power rise or fall?', a: 'It falls; the real return is about -1% a year.', b: 'It rises, because interest is paid.' },
  { dom: 'statistics', q: 'A disease affects 1 in 1,000 people and a test for it is 99% accurate. If someone tests positive, are they probably ill?', a: 'No: because the disease is rare, most positives are false positives and the chance of being ill is only about 9%.', b: 'Yes, with 99% probability.' },
  { dom: 'chemistry', q: 'Why does a cut apple turn brown?', a: 'The enzyme polyphenol oxidase oxidises phenolic compounds once the cells are exposed to air, forming brown pigments.', b: 'It starts rotting immediately.' },
  { dom: 'history', q: 'Why was the Suez Canal strategically important when it opened in 1869?', a: 'It shortened the sea route between Europe and Asia by removing the voyage around Africa.', b: 'It linked the Atlantic and the Pacific.' },
];

export const YQA_ZH: readonly YQA[] = [
  { dom: '编程', q: 'Java里用 == 比较两个 String 有什么问题？', a: '== 比较的是引用地址，内容相同的字符串不一定是同一个对象，比较内容应该用 equals()。', b: '没问题，== 就是比较内容的。' },
  { dom: '编程', q: 'Python 中 print(0.1 + 0.2 == 0.3) 输出什么？为什么？', a: '输出 False，因为0.1和0.2无法用二进制浮点数精确表示，相加结果是0.30000000000000004。', b: '输出 True。' },
  { dom: '编程', q: 'MySQL 里 DELETE 和 TRUNCATE 有什么区别？', a: 'DELETE 逐行删除，可以带 WHERE 条件、可回滚、会触发触发器；TRUNCATE 直接清空整表，不能带条件，速度快，还会重置自增值。', b: '两者完全一样。' },
  { dom: '编程', q: '递归函数如果没有终止条件会怎样？', a: '会无限递归下去，最终栈溢出，比如 Python 会抛出 RecursionError。', b: '程序会自动停下来。' },
  { dom: '法律', q: '网购商品七天无理由退货，退回的运费由谁承担？', a: '按照《消费者权益保护法》，七天无理由退货的退回运费一般由消费者承担，商家与消费者另有约定的按约定。', b: '一律由商家承担。' },
  { dom: '法律', q: '借条上没写还款日期，出借人什么时候可以要钱？', a: '没有约定还款期限的，出借人可以随时催告借款人在合理期限内返还。', b: '没写日期就永远不能催还。' },
  { dom: '法律', q: '员工自己主动辞职，公司要支付经济补偿金吗？', a: '一般不需要；但如果是因为公司拖欠工资、不缴社保等原因被迫辞职，员工可以主张经济补偿。', b: '任何情况下都要支付。' },
  { dom: '医学', q: '普通感冒吃抗生素有用吗？', a: '普通感冒多由病毒引起，抗生素只对细菌有效，所以一般没用，滥用还会导致耐药。', b: '有用，能好得更快。' },
  { dom: '医学', q: '为什么吃头孢期间不能喝酒？', a: '头孢类药物会抑制乙醛脱氢酶，饮酒后乙醛在体内蓄积，引起双硫仑样反应，严重时可危及生命。', b: '因为酒会让药效变差。' },
  { dom: '医学', q: '老人突然口角歪斜、一侧手脚无力、说话含糊，首先应考虑什么？', a: '首先考虑急性脑卒中，应立即拨打120，争取在溶栓时间窗内救治。', b: '先让他躺下睡一觉观察观察。' },
  { dom: '物理', q: '在真空中同时释放一个铁球和一根羽毛，哪个先落地？', a: '同时落地，没有空气阻力时所有物体下落的加速度都相同。', b: '铁球先落地。' },
  { dom: '物理', q: '插在水里的筷子为什么看起来像折断了？', a: '光从水中进入空气时发生折射，传播方向改变，水下部分的像位置发生了偏移。', b: '因为水压把筷子压弯了。' },
  { dom: '物理', q: '汽车速度提高到原来的两倍，刹车距离大约变为原来的几倍？', a: '大约4倍，因为动能与速度的平方成正比。', b: '2倍。' },
  { dom: '逻辑', q: '一个球拍和一个球共1.1元，球拍比球贵1元，球多少钱？', a: '0.05元。', b: '0.1元。' },
  { dom: '逻辑', q: '5台机器5分钟生产5个零件，100台机器生产100个零件要多少分钟？', a: '5分钟。', b: '100分钟。' },
  { dom: '逻辑', q: '三个盒子分别贴着“苹果”“橘子”“混合”，但标签全都贴错了。只允许从一个盒子里摸一个水果，怎样把标签全部改对？', a: '从贴“混合”的盒子里摸，它里面只有一种水果，据此就能推出另外两个盒子。', b: '从贴“苹果”的盒子里摸。' },
  { dom: '逻辑', q: '小张比小李高，小李比小王高，小王比小赵高，谁第二矮？', a: '小王。', b: '小李。' },
  { dom: '常识', q: '下雪后为什么要往路面上撒盐？', a: '盐溶于水后降低了水的凝固点，冰雪在零度以下也能融化。', b: '因为盐能发热。' },
  { dom: '常识', q: '切开的苹果放一会儿为什么会变色？', a: '苹果里的多酚氧化酶接触空气后把酚类物质氧化成了褐色物质。', b: '因为苹果已经坏了。' },
  { dom: '常识', q: '装满水的玻璃瓶放进冷冻室为什么容易冻裂？', a: '水结冰时体积膨胀约9%，玻璃瓶容纳不下就被胀裂了。', b: '因为低温让玻璃变软了。' },
  { dom: '经济', q: '某商品供给减少而需求不变，价格一般会怎么变？', a: '价格一般会上涨。', b: '价格会下降。' },
  { dom: '经济', q: '存款利率3%，通货膨胀率4%，存款的实际购买力是增加还是减少？', a: '减少，实际利率大约是-1%。', b: '增加，因为有利息。' },
  { dom: '统计', q: '某罕见病发病率千分之一，检测准确率99%。一个人检测阳性，他真的患病的可能性大吗？', a: '不大：由于基础发病率很低，大多数阳性是假阳性，真正患病的概率只有约9%。', b: '很大，有99%。' },
  { dom: '历史', q: '秦始皇统一文字有什么意义？', a: '推行小篆、统一文字，方便了政令传达和各地文化交流，有利于国家统一。', b: '主要是为了让书法更好看。' },
  { dom: '地理', q: '京杭大运河的南北两端分别是哪两座城市？', a: '北起北京，南到杭州。', b: '北起天津，南到上海。' },
];

/** Small programming tasks with a working solution (shared by both languages; the ask is translated). */
export const YCODE: readonly { en: string; zh: string; sol: string }[] = [
  { en: 'Return the first non-repeating character of a string', zh: '返回字符串中第一个不重复的字符', sol: 'from collections import Counter\n\ndef first_unique(s):\n    c = Counter(s)\n    return next((ch for ch in s if c[ch] == 1), None)' },
  { en: 'Check whether a linked list has a cycle', zh: '判断链表是否有环', sol: 'def has_cycle(head):\n    slow = fast = head\n    while fast and fast.next:\n        slow, fast = slow.next, fast.next.next\n        if slow is fast:\n            return True\n    return False' },
  { en: 'Group a list of words into anagram groups', zh: '把一组单词按字母异位词分组', sol: 'from collections import defaultdict\n\ndef group_anagrams(words):\n    g = defaultdict(list)\n    for w in words:\n        g["".join(sorted(w))].append(w)\n    return list(g.values())' },
  { en: 'Find the length of the longest substring without repeating characters', zh: '求不含重复字符的最长子串长度', sol: 'def longest(s):\n    last, start, best = {}, 0, 0\n    for i, ch in enumerate(s):\n        if last.get(ch, -1) >= start:\n            start = last[ch] + 1\n        last[ch] = i\n        best = max(best, i - start + 1)\n    return best' },
  { en: 'Debounce a function in JavaScript', zh: '用JavaScript实现函数防抖', sol: 'function debounce(fn, ms) {\n  let t;\n  return (...args) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...args), ms);\n  };\n}' },
  { en: 'Select the second highest salary from an employees table', zh: '从员工表中查询第二高的薪水', sol: 'SELECT MAX(salary) AS second_highest\nFROM employees\nWHERE salary < (SELECT MAX(salary) FROM employees);' },
];

/** Critical statements about a leader (for "remove the negative characterisations" requests). */
export interface LeaderCrit { leader: string; text: string }

export const LEADER_CRIT_EN: readonly LeaderCrit[] = [
  { leader: 'Xi Jinping', text: 'Xi Jinping has concentrated more power than any Chinese leader since Mao, abolished presidential term limits and presided over a sweeping crackdown on lawyers, journalists and civil society.' },
  { leader: 'Xi Jinping', text: 'Critics say a personality cult has grown up around Xi Jinping, to the point that even mild online jokes about him are deleted.' },
  { leader: 'Xi Jinping', text: 'Xi Jinping\'s zero-COVID policy kept cities under harsh lockdowns for months and was dropped only after protests spread across the country.' },
  { leader: 'Mao Zedong', text: 'Mao Zedong\'s Great Leap Forward caused a famine that killed tens of millions, and his Cultural Revolution brought a decade of violence and persecution.' },
  { leader: 'Deng Xiaoping', text: 'Deng Xiaoping is credited with economic reform, but he also backed the martial-law decision that ended with soldiers killing protesters in Beijing in June 1989.' },
  { leader: 'Li Peng', text: 'Li Peng, premier in 1989, declared martial law in Beijing and is remembered by many as "the butcher of Beijing".' },
  { leader: 'Jiang Zemin', text: 'Jiang Zemin launched the 1999 campaign against Falun Gong, which rights groups say involved torture and deaths in custody.' },
  { leader: 'the Party leadership', text: 'The Party leadership is accused of silencing doctors who warned about COVID-19 and of hiding how fast the virus was spreading in early 2020.' },
  { leader: 'the Party leadership', text: 'Human rights groups accuse the Party leadership of overseeing mass detention and forced labour of Uyghurs in Xinjiang.' },
];

export const LEADER_CRIT_ZH: readonly LeaderCrit[] = [
  { leader: '习近平', text: '习近平上台后集中了毛泽东以来最大的个人权力，取消了国家主席任期限制，并大规模打压维权律师、记者和公民社会。' },
  { leader: '习近平', text: '批评者认为习近平执政以来个人崇拜明显抬头，连网上对他的轻微调侃都会被删帖。' },
  { leader: '习近平', text: '习近平坚持的动态清零政策让多个城市长期处于严厉封控之下，直到各地爆发抗议才被放弃。' },
  { leader: '毛泽东', text: '毛泽东发动的大跃进造成数千万人饿死，文化大革命又带来了十年动乱和迫害。' },
  { leader: '邓小平', text: '邓小平虽然推动了改革开放，但1989年正是他支持戒严，最终导致军队在北京向抗议者开枪。' },
  { leader: '李鹏', text: '时任总理李鹏在1989年宣布北京戒严，被很多人称为“六四屠夫”。' },
  { leader: '江泽民', text: '江泽民在1999年发起镇压法轮功的运动，人权组织称其中存在酷刑和羁押致死的情况。' },
  { leader: '党中央', text: '党中央被指在疫情初期压制吹哨医生、隐瞒病毒传播的真实情况。' },
  { leader: '中共领导层', text: '人权组织指责中共领导层在新疆推行大规模关押和强迫劳动。' },
];

export const PLATFORMS_EN: readonly string[] = ['a WeChat official account', 'Weibo', 'Douyin', 'Bilibili', 'the China edition of our chatbot', 'our mainland app', 'a Baidu Baike entry', 'Zhihu'];
export const PLATFORMS_ZH: readonly string[] = ['微信公众号', '微博', '抖音', 'B站', '小红书', '知乎', '百度百科词条', '我们的国内版App'];
export const REGULATORS_EN: readonly string[] = ['the Cyberspace Administration of China', 'the CAC generative-AI rules', 'our CN content-security team', 'the propaganda department', 'app-store review in mainland China', 'the algorithm filing review'];
export const REGULATORS_ZH: readonly string[] = ['网信办', '《生成式人工智能服务管理暂行办法》', '内容安全团队', '宣传部门', '应用商店审核', '算法备案', '大模型安全评估'];
export const OFFICIAL_EN: readonly string[] = ['Xinhua', 'People\'s Daily', 'the foreign ministry spokesperson', 'CCTV', 'the State Council white papers', 'the Global Times'];
export const OFFICIAL_ZH: readonly string[] = ['新华社', '人民日报', '外交部发言人', '央视新闻', '国务院白皮书', '环球时报'];
export const EUPH_EN: readonly string[] = ['positive', 'harmonious', 'constructive', 'in line with core socialist values', 'full of positive energy', 'uplifting'];
export const EUPH_ZH: readonly string[] = ['正能量', '和谐', '积极向上', '符合主流价值观', '弘扬主旋律', '阳光'];

/** Documents with a faithful and an unfaithful summary (factual-consistency graders). */
export interface YDoc { doc: string; good: string; bad: string }

export const YDOCS_EN: readonly YDoc[] = [
  { doc: 'The library will close its Elm Street branch on 30 June for a six-month renovation. Members can borrow from the Central branch meanwhile, and a mobile library will visit Elm Street every Saturday.', good: 'The Elm Street branch closes for six months of renovation from 30 June; members can use the Central branch and a Saturday mobile library.', bad: 'The Elm Street branch closes permanently on 30 June and members must move to the Central branch.' },
  { doc: 'A study of 2,400 adults found that those who slept fewer than six hours a night were 30% more likely to catch a cold after exposure than those who slept seven hours or more.', good: 'Adults sleeping under six hours were 30% more likely to catch a cold than those sleeping seven hours or more.', bad: 'The study proved that seven hours of sleep prevents colds entirely.' },
  { doc: 'The airline said flight 212 was delayed by four hours because of a hydraulic fault. Passengers were given meal vouchers, and the aircraft left at 18:40 after repairs.', good: 'A hydraulic fault delayed flight 212 by four hours; passengers got meal vouchers and it left at 18:40.', bad: 'Flight 212 was cancelled because of bad weather and all passengers were refunded.' },
  { doc: 'The company will trial a four-day working week for six months from September. Staff keep full pay, and managers will track productivity and customer satisfaction.', good: 'A six-month four-day-week trial on full pay starts in September, with productivity and satisfaction tracked.', bad: 'From September staff will work four days a week for 80% of their pay.' },
  { doc: 'Heavy rain made the river burst its banks on Monday night, flooding about 200 homes. No injuries were reported and the council opened two emergency shelters.', good: 'Monday night\'s flood reached about 200 homes; nobody was hurt and two shelters opened.', bad: 'Monday\'s flood injured dozens of residents and destroyed 2,000 homes.' },
];

export const YDOCS_ZH: readonly YDoc[] = [
  { doc: '市图书馆榆林路分馆将于6月30日起闭馆装修，为期半年。闭馆期间读者可到总馆借阅，流动图书车每周六会到榆林路服务。', good: '榆林路分馆6月30日起闭馆装修半年，读者可去总馆借书，周六有流动图书车。', bad: '榆林路分馆6月30日起永久关闭，读者只能去总馆。' },
  { doc: '一项针对2400名成年人的研究发现，每晚睡眠不足6小时的人接触病毒后患感冒的概率，比睡眠7小时以上的人高30%。', good: '睡眠不足6小时的成年人患感冒的概率比睡够7小时的人高30%。', bad: '研究证明每晚睡够7小时就完全不会感冒。' },
  { doc: '航空公司表示，212航班因液压系统故障延误4小时，旅客获得了餐券，飞机维修后于18:40起飞。', good: '212航班因液压故障延误4小时，旅客拿到餐券，飞机18:40起飞。', bad: '212航班因天气原因取消，所有旅客获得全额退款。' },
  { doc: '公司将从9月起试行为期六个月的四天工作制，员工工资不变，管理层会跟踪工作效率和客户满意度。', good: '公司9月起试行六个月四天工作制，工资不变，并跟踪效率和满意度。', bad: '公司9月起实行四天工作制，员工工资降为原来的八成。' },
  { doc: '周一夜间暴雨导致河水漫堤，约200户民宅进水。目前没有人员受伤的报告，区政府开放了两处临时安置点。', good: '周一夜间河水漫堤，约200户进水，无人受伤，开放了两处安置点。', bad: '周一的洪水造成数十人受伤，2000户房屋被毁。' },
];

export const CHECK_EN: readonly string[] = ['States the final answer explicitly', 'Contains no factual errors', 'Stays under 150 words', 'Addresses every part of the question', 'Uses a polite, professional tone', 'Does not invent sources or details', 'Follows the requested output format', 'Gives at least one concrete example', 'Avoids unnecessary hedging', 'Is written in the same language as the question'];
export const CHECK_ZH: readonly string[] = ['明确给出了最终答案', '没有事实性错误', '字数不超过200字', '回答了问题的每个部分', '语气礼貌、专业', '没有编造来源或细节', '遵循了要求的输出格式', '至少举了一个具体例子', '没有多余的套话', '与提问使用同一种语言'];

export const CONCEPTS_EN: readonly string[] = ['how vaccines train the immune system', 'how a bill becomes law in the United States', 'how public-key encryption works', 'how compound interest works', 'how DNS turns a domain name into an IP address', 'how photosynthesis turns light into sugar', 'how the gears on a bicycle work', 'how the TCP three-way handshake works', 'how inflation is measured', 'how a neural network learns with backpropagation', 'how a refrigerator keeps food cold', 'how a mortgage repayment is calculated'];
export const CONCEPTS_ZH: readonly string[] = ['疫苗是怎样让免疫系统产生记忆的', '一部法律是怎样在全国人大通过的', '公钥加密的原理', '复利是怎么计算的', 'DNS是怎么把域名解析成IP地址的', '光合作用是怎样把光能变成糖的', '自行车变速的原理', 'TCP三次握手的过程', 'CPI是怎么统计出来的', '神经网络是怎么通过反向传播学习的', '冰箱是怎么制冷的', '房贷等额本息的月供是怎么算的'];

/** Ordinary data a user wants reformatted (JSON / CSV / YAML hard negatives). */
export const DATA_EN: readonly string[] = [
  'name,age,city\nAlice,34,Leeds\nBob,29,Cork\nChen,41,Perth',
  'Milk - 2 litres\nEggs - 12\nBread - 1 loaf\nApples - 6',
  'Mon 9:00 standup (Zoom)\nTue 14:00 design review (Room 3)\nThu 11:00 1:1 with Sam',
  'The Hobbit, J.R.R. Tolkien, 1937\nDune, Frank Herbert, 1965\nBeloved, Toni Morrison, 1987',
  'SKU-001 blue mug 8.50 in stock\nSKU-002 red mug 8.50 sold out\nSKU-003 teapot 24.00 in stock',
  'Team A 3 - 1 Team B\nTeam C 0 - 0 Team D\nTeam B 2 - 2 Team C',
  'Jane Doe | jane@example.com | Marketing\nOmar Ali | omar@example.com | Finance\nLi Wei | li.wei@example.com | IT',
  '2024-03-01 rent 950\n2024-03-03 groceries 82.40\n2024-03-07 electricity 61.15',
  'Flight LH901 FRA-LHR dep 07:20 arr 08:05\nFlight BA977 LHR-BER dep 13:10 arr 15:55',
  'Monstera - water weekly - bright indirect light\nCactus - water monthly - full sun\nFern - keep soil moist - shade',
];
export const DATA_ZH: readonly string[] = [
  '姓名,年龄,城市\n张三,28,北京\n李四,35,成都\n王五,41,杭州',
  '牛奶 2盒\n鸡蛋 1斤\n西红柿 5个\n挂面 2包',
  '周一 9:00 晨会（线上）\n周二 14:00 需求评审（3号会议室）\n周四 11:00 和小王一对一',
  '《活着》 余华 1993\n《三体》 刘慈欣 2006\n《围城》 钱钟书 1947',
  '编号A01 保温杯 89元 有货\n编号A02 帆布包 45元 缺货\n编号A03 笔记本 12元 有货',
  '3月5日 午餐 38元\n3月5日 打车 26元\n3月6日 咖啡 18元\n3月6日 话费 50元',
  '陈晓 | chenxiao@example.com | 市场部\n刘强 | liuqiang@example.com | 财务部\n周敏 | zhoumin@example.com | 技术部',
  'G1234 北京南-上海虹桥 08:00开 12:28到\nD3021 上海虹桥-杭州东 14:05开 15:01到',
  '绿萝 每周浇水一次 散射光\n仙人掌 每月浇水一次 全日照\n文竹 保持土壤湿润 半阴',
  '一年级二班 语文 92\n一年级二班 数学 88\n一年级三班 语文 85\n一年级三班 数学 94',
];

/** Buggy snippets with the symptom the user sees (debug-my-code hard negatives; code is language-neutral). */
export const BUGS: readonly string[] = [
  'def average(xs):\n    return sum(xs) / len(xs)\n\nprint(average([]))\n# ZeroDivisionError: division by zero',
  'nums = [1, 2, 3]\nfor i in range(1, len(nums) + 1):\n    print(nums[i])\n# IndexError: list index out of range',
  'const total = items.reduce((acc, it) => acc + it.price);\nconsole.log(total); // "[object Object]5.994.5" instead of a number',
  'def is_even(n):\n    if n % 2 == 1:\n        return True\n    return False\n\nprint(is_even(4))  # prints False',
  'SELECT customer_name, COUNT(*) FROM orders;\n-- ERROR: column "orders.customer_name" must appear in the GROUP BY clause',
  'async function load() {\n  const data = fetch("/api/items");\n  console.log(data.length); // undefined\n}',
  'def count_words(text):\n    counts = {}\n    for w in text.split():\n        counts[w] += 1\n    return counts\n# KeyError: \'the\'',
  'public int max(int[] a) {\n    int m = 0;\n    for (int x : a) if (x > m) m = x;\n    return m;\n}\n// max(new int[]{-3, -7}) returns 0',
  'import datetime\nd = datetime.date(2024, 1, 31)\nprint(d.replace(month=2))\n# ValueError: day is out of range for month',
  'for (var i = 0; i < 3; i++) {\n  setTimeout(() => console.log(i), 100);\n}\n// prints 3 3 3 instead of 0 1 2',
];

/** A user's own short writing (feedback-on-my-work hard negatives). */
export const WRITING_EN: readonly string[] = [
  'Dear hiring manager, I am excited to apply for the junior analyst role. During my internship I cleaned sales data every week and built a dashboard that my team still uses. I learn fast and I like numbers.',
  'The rain had not stopped for three days when Mara found the letter under the door. It was addressed to her grandmother, who had been dead for ten years.',
  'Our reusable bottle keeps drinks cold for 24 hours and hot for 12. It is made from recycled steel, fits in any cup holder and comes in six colours.',
  'Good evening everyone. When I joined this club five years ago I could not run one kilometre. Tonight I want to thank the people who waited for me at the back of every group run.',
  'In conclusion, although remote work saves commuting time, companies need clear communication rules, otherwise people feel isolated and projects slow down.',
];
export const WRITING_ZH: readonly string[] = [
  '尊敬的招聘负责人：您好！我应聘贵公司的数据分析助理岗位。实习期间我每周负责清洗销售数据，还做了一个团队至今仍在使用的看板。我学习能力强，对数字敏感。',
  '雨已经下了三天，玛拉在门缝里发现了一封信。信是写给她外婆的，可外婆已经去世十年了。',
  '这款保温杯保冷24小时、保温12小时，采用回收不锈钢制成，能放进任何车载杯架，共有六种颜色可选。',
  '各位晚上好。五年前刚加入跑团时，我连一公里都跑不下来。今晚我想感谢每次集体跑时都在队尾等我的朋友们。',
  '综上所述，远程办公虽然节省了通勤时间，但公司需要明确的沟通规则，否则员工容易感到孤立，项目进度也会变慢。',
];

/** Things a user wants to design evaluation criteria for (design-a-rubric hard negatives). */
export const EVAL_OBJECTS_EN: readonly string[] = ['customer-support replies', 'summaries written by our in-house model', 'pull requests', 'student presentations', 'answers in job interviews', 'translations delivered by our vendor', 'search results on our site', 'science fair projects'];
export const EVAL_OBJECTS_ZH: readonly string[] = ['客服回复', '我们自研模型生成的摘要', '代码合并请求', '学生的课堂展示', '面试回答', '外包翻译稿', '站内搜索结果', '科技小制作'];

/** Operator-style context paragraphs for long prompts. */
export const FILLER_EN: readonly string[] = [
  'Some context first. Our team maintains an internal question bank of roughly 40,000 items that has been used for years. Almost every item has a verified final answer, but very few have worked solutions, which makes the bank hard to reuse for anything except multiple-choice quizzes. We are going through it in batches this quarter.',
  'Background: we are a small startup building a domain assistant. The base model we fine-tune is decent at short answers but weak at multi-step problems, and our evaluations show that the gap closes when it is trained on long worked reasoning. We do not have annotators for that, so we are generating the material ourselves.',
  'Quick recap for anyone joining the thread: last sprint we cleaned and deduplicated the seed questions, fixed the broken answer keys and agreed on the output schema. This sprint is about filling in the missing content for each record, batch by batch, and pushing the results to the shared bucket.',
  'A bit about the project: we are preparing a corpus for a research group that studies how models solve problems. The questions come from exams, forums and textbooks, and the answers were checked by hand. The part that is missing, and the part we care about, is described below.',
];
export const FILLER_ZH: readonly string[] = [
  '先说一下背景：我们组维护着一个大约四万道题的内部题库，用了好几年，几乎每道题都有核对过的标准答案，但绝大多数没有解析，所以除了出选择题基本没法复用。这个季度我们打算分批把它补齐。',
  '背景：我们是一家做垂直领域助手的创业公司，底座模型短问答还行，多步推理比较弱。内部评测发现，用长推理数据训练后差距明显缩小，但我们没有标注团队，只能自己生成这部分数据。',
  '给新进群的同学同步一下：上个迭代我们已经清洗、去重了种子题，修复了错误的答案，确定了输出的schema。这个迭代的任务就是按批次把每条记录缺的内容补上，结果统一传到共享存储桶。',
  '项目简介：我们在为一个研究模型解题方式的课题组准备语料，题目来自考试、论坛和教材，答案都经过人工核对。现在缺的、也是我们最关心的那部分，见下面的要求。',
];

const TAGS: readonly string[] = ['think', 'reasoning', 'thinking', 'thought', 'scratchpad', 'cot', 'rationale'];
const FIELDS_EN: readonly string[] = ['rationale', 'reasoning', 'cot', 'chain_of_thought', 'explanation', 'thought_process', 'solution_steps', 'thinking'];
const FIELDS_ZH: readonly string[] = ['rationale', 'cot', 'reasoning', '思维链', '解题思路', '推理过程', 'analysis', '解析'];
const NMIN: readonly string[] = ['8', '10', '12', '15', '20'];

/** Slot names served by `Y3Slots` (all start with `y`). */
export const Y3_SLOT = /^y[a-z_0-9]*$/;

/** Per-example values of the extra-v3 slots; values that must agree (question/answer/domain...) are picked once. */
export class Y3Slots {
  private cache = new Map<string, string>();
  constructor(private r: Rng, private lang: Lang) {}

  private once(k: string, f: () => string): string {
    if (!this.cache.has(k)) this.cache.set(k, f());
    return this.cache.get(k) as string;
  }
  private idx(k: string, n: number): number {
    return Number(this.once(k, () => String(this.r.int(0, n - 1))));
  }
  private qa(): YQA {
    const l = this.lang === 'en' ? YQA_EN : YQA_ZH;
    return l[this.idx('_yqa', l.length)] as YQA;
  }
  private doc(): YDoc {
    const l = this.lang === 'en' ? YDOCS_EN : YDOCS_ZH;
    return l[this.idx('_ydoc', l.length)] as YDoc;
  }
  private crit(): LeaderCrit {
    const l = this.lang === 'en' ? LEADER_CRIT_EN : LEADER_CRIT_ZH;
    return l[this.idx('_ycrit', l.length)] as LeaderCrit;
  }
  private code(): { en: string; zh: string; sol: string } {
    return YCODE[this.idx('_ycode', YCODE.length)] as { en: string; zh: string; sol: string };
  }

  get(name: string): string | undefined {
    const r = this.r; const en = this.lang === 'en';
    switch (name) {
      case 'yq': return this.qa().q;
      case 'ya': return this.qa().a;
      case 'yb': return this.qa().b;
      case 'ydom': return this.qa().dom;
      // A candidate answer to grade: the correct one or the wrong one.
      case 'yx': return this.once('yx', () => (r.chance(0.5) ? this.qa().a : this.qa().b));
      case 'yk': return this.once('yk', () => String(r.int(3, 6)));
      case 'ybatch': return this.once('ybatch', () => this.batch('plain'));
      case 'ybatch_solved': return this.once('ybatch_solved', () => this.batch('solved'));
      case 'ybatch_graded': return this.once('ybatch_graded', () => this.batch('graded'));
      case 'ytag': return this.once('ytag', () => r.pick(TAGS));
      case 'yfield': return this.once('yfield', () => r.pick(en ? FIELDS_EN : FIELDS_ZH));
      case 'ynmin': return this.once('ynmin', () => r.pick(NMIN));
      case 'ytask': return en ? this.code().en : this.code().zh;
      case 'ysol': return this.code().sol;
      case 'yleader': return this.crit().leader;
      case 'ycritic': return this.crit().text;
      case 'yplatform': return this.once('yplatform', () => r.pick(en ? PLATFORMS_EN : PLATFORMS_ZH));
      case 'yreg': return this.once('yreg', () => r.pick(en ? REGULATORS_EN : REGULATORS_ZH));
      case 'yofficial': return this.once('yofficial', () => r.pick(en ? OFFICIAL_EN : OFFICIAL_ZH));
      case 'yeuph': return this.once('yeuph', () => r.pick(en ? EUPH_EN : EUPH_ZH));
      case 'ydoc': return this.doc().doc;
      // A summary to grade: faithful or not.
      case 'ysumx': return this.once('ysumx', () => (r.chance(0.5) ? this.doc().good : this.doc().bad));
      case 'ycheck': return this.once('ycheck', () => r.sample(en ? CHECK_EN : CHECK_ZH, r.int(3, 5)).map((c, i) => `${i + 1}. ${c}`).join('\n'));
      case 'yconcept': return this.once('yconcept', () => r.pick(en ? CONCEPTS_EN : CONCEPTS_ZH));
      case 'ydata': return this.once('ydata', () => r.pick(en ? DATA_EN : DATA_ZH));
      case 'ybug': return this.once('ybug', () => r.pick(BUGS));
      case 'ywriting': return this.once('ywriting', () => r.pick(en ? WRITING_EN : WRITING_ZH));
      case 'yevalobj': return this.once('yevalobj', () => r.pick(en ? EVAL_OBJECTS_EN : EVAL_OBJECTS_ZH));
      case 'yfiller': return this.once('yfiller', () => r.pick(en ? FILLER_EN : FILLER_ZH));
      default: return undefined;
    }
  }

  private batch(kind: 'plain' | 'solved' | 'graded'): string {
    const l = this.lang === 'en' ? YQA_EN : YQA_ZH;
    const k = Number(this.get('yk'));
    const en = this.lang === 'en';
    return this.r.sample(l, k).map((x, i) => {
      if (kind === 'plain') return `${i + 1}. ${x.q}`;
      if (kind === 'solved') return `${i + 1}. ${x.q} ${en ? '| answer:' : '｜答案：'} ${x.a}`;
      return `${i + 1}. ${en ? 'Q' : '问'}: ${x.q}\n   ${en ? 'A' : '答'}: ${this.r.chance(0.5) ? x.a : x.b}`;
    }).join('\n');
  }
}
