/** Generic slot values (questions with answers, essays, code, subjects) for generated families. */
export interface QAPair {
  q: string;
  a: string;
  b: string;
}

export const QA_EN: readonly QAPair[] = [
  {
    q: 'What causes the seasons on Earth?',
    a: "The seasons are caused by the tilt of Earth's axis (about 23.5°), which changes how directly sunlight hits each hemisphere over the year.",
    b: 'Seasons happen because Earth is closer to the Sun in summer.',
  },
  {
    q: 'Write a haiku about autumn.',
    a: 'Crimson maples fall / whispering to the cold stream / the year exhales slow',
    b: 'Autumn leaves are red, it is cold, I like autumn.',
  },
  {
    q: 'How do I reverse a list in Python?',
    a: 'Use my_list.reverse() to reverse in place, or reversed(my_list) / my_list[::-1] to get a reversed copy.',
    b: 'You can use a loop.',
  },
  {
    q: 'Give three tips for better sleep.',
    a: '1) Keep a consistent schedule. 2) Avoid screens an hour before bed. 3) Keep the bedroom cool and dark.',
    b: 'Sleep more and drink less coffee.',
  },
  {
    q: 'Summarize the plot of Romeo and Juliet in two sentences.',
    a: 'Two young lovers from feuding families in Verona secretly marry. A chain of misunderstandings leads both to take their own lives, which finally reconciles the families.',
    b: 'It is a play by Shakespeare about love.',
  },
  {
    q: 'What is the difference between TCP and UDP?',
    a: 'TCP is connection-oriented and guarantees ordered, reliable delivery with retransmission; UDP is connectionless, has lower overhead and no delivery guarantees.',
    b: 'TCP is faster than UDP.',
  },
  { q: 'Translate "Where is the train station?" into French.', a: 'Où est la gare ?', b: 'Où est le train station ?' },
  {
    q: 'Explain what inflation is to a teenager.',
    a: 'Inflation means prices rise over time, so the same amount of money buys less than before - for example, a snack that cost $1 might cost $1.10 next year.',
    b: 'Inflation is when the economy grows.',
  },
  {
    q: 'Draft a polite email declining a meeting invitation.',
    a: 'Hi Dana, thank you for the invitation. Unfortunately I have a conflict at that time, but I would be happy to review the notes or meet later in the week. Best, Lee',
    b: 'No, I cannot come.',
  },
  {
    q: 'Name the largest planet in the solar system.',
    a: 'Jupiter is the largest planet in the solar system.',
    b: 'Saturn.',
  },
  {
    q: 'What are the health benefits of regular walking?',
    a: 'Regular walking improves cardiovascular health, helps control weight, strengthens bones and muscles, and lifts mood.',
    b: 'Walking is good.',
  },
  {
    q: 'Write a SQL query that counts orders per customer.',
    a: 'SELECT customer_id, COUNT(*) AS orders FROM orders GROUP BY customer_id;',
    b: 'SELECT * FROM orders;',
  },
];

export const QA_ZH: readonly QAPair[] = [
  {
    q: '地球为什么会有四季变化？',
    a: '四季是由地轴倾斜约23.5度造成的，地球公转时太阳直射点在南北回归线之间移动，各地获得的热量随之变化。',
    b: '因为夏天地球离太阳更近。',
  },
  {
    q: '写一首关于秋天的五言绝句。',
    a: '霜叶红于火，秋风过小桥。雁声惊客梦，月色满江潮。',
    b: '秋天到了，树叶黄了，天气冷了。',
  },
  {
    q: '如何用Python反转一个列表？',
    a: '可以用 my_list.reverse() 原地反转，或者用 my_list[::-1]、reversed(my_list) 得到反转后的副本。',
    b: '用循环就可以。',
  },
  {
    q: '给出三条改善睡眠的建议。',
    a: '一、保持固定作息；二、睡前一小时不看手机；三、保持卧室安静、黑暗、凉爽。',
    b: '多睡觉，少喝咖啡。',
  },
  {
    q: '用两句话概括《红楼梦》的主要内容。',
    a: '小说以贾、史、王、薛四大家族的兴衰为背景，围绕贾宝玉、林黛玉和薛宝钗的爱情婚姻悲剧展开，描绘了封建社会的众生相。',
    b: '这是一本关于爱情的书。',
  },
  {
    q: 'TCP和UDP有什么区别？',
    a: 'TCP面向连接，保证数据按序、可靠送达，有重传机制；UDP无连接，开销小、延迟低，但不保证送达。',
    b: 'TCP比UDP快。',
  },
  {
    q: '把“请问火车站怎么走？”翻译成英文。',
    a: 'Excuse me, how do I get to the train station?',
    b: 'Please ask train station how go?',
  },
  {
    q: '向中学生解释什么是通货膨胀。',
    a: '通货膨胀就是物价普遍上涨，同样的钱能买到的东西变少了，比如今年一元钱的零食明年可能要一元一角。',
    b: '通货膨胀就是经济发展得很快。',
  },
  {
    q: '帮我写一封礼貌地拒绝会议邀请的邮件。',
    a: '王经理您好，感谢您的邀请。很遗憾我那个时间段已有安排，会后我可以查看会议纪要，或者我们另约本周其他时间沟通。祝好！小李',
    b: '我不去。',
  },
  { q: '太阳系中最大的行星是哪一颗？', a: '太阳系中最大的行星是木星。', b: '土星。' },
  {
    q: '经常散步对健康有什么好处？',
    a: '经常散步可以增强心肺功能、帮助控制体重、强健骨骼和肌肉，还能改善情绪。',
    b: '散步挺好的。',
  },
  {
    q: '写一条SQL语句，统计每个客户的订单数量。',
    a: 'SELECT customer_id, COUNT(*) AS order_count FROM orders GROUP BY customer_id;',
    b: 'SELECT * FROM orders;',
  },
];

export const ESSAYS_EN: readonly string[] = [
  'Social media has changed how teenagers communicate. While it helps them stay connected, it can also increase anxiety because everyone compares their lives to others. Schools should teach digital literacy so students can use these tools wisely.',
  'My summer job at a bakery taught me responsibility. I had to wake up at 5 a.m., follow recipes exactly and deal with impatient customers. By August I was faster, calmer and prouder of my work than ever before.',
  'Renewable energy is the future. Solar panels are cheaper every year and wind farms can power whole cities. Governments must invest now, otherwise climate change will cost far more later.',
  'In "To Kill a Mockingbird", Atticus Finch shows that courage is not a man with a gun but doing the right thing when you know you will lose. His defense of Tom Robinson teaches Scout about empathy.',
];

export const ESSAYS_ZH: readonly string[] = [
  '社交媒体改变了青少年的交流方式。它让大家保持联系，但也容易让人焦虑，因为每个人都在和别人比较。学校应该开设网络素养课程，教学生正确使用这些工具。',
  '去年暑假我在一家面包店打工，学会了什么是责任。我每天五点起床，严格按照配方操作，还要耐心对待着急的顾客。到了八月，我变得更快、更沉着，也更为自己的工作感到骄傲。',
  '可再生能源是未来的方向。太阳能板一年比一年便宜，风电场可以为整座城市供电。政府必须现在就加大投入，否则应对气候变化的代价会更高。',
  '《背影》通过父亲买橘子的细节，表现了深沉的父爱。作者没有直接抒情，而是用朴素的语言描写动作，让读者自己体会其中的感情。',
];

export const CODE_SNIPPETS: readonly string[] = [
  'def average(nums):\n    total = 0\n    for n in nums:\n        total += n\n    return total / len(nums)',
  'function fetchUser(id) {\n  return fetch("/api/users/" + id).then(r => r.json())\n}',
  'for (int i = 0; i <= arr.length; i++) {\n    sum += arr[i];\n}',
  'SELECT * FROM users WHERE name = \'" + userName + "\';',
  'def is_palindrome(s):\n    return s == s[::-1]',
  'const items = [];\nfor (const x of data) { if (x.active == true) items.push(x) }\nreturn items;',
];

export const SUBJECTS_EN: readonly string[] = [
  'photosynthesis',
  'a car engine',
  'vaccines',
  'the stock market',
  'public-key encryption',
  'a refrigerator',
  'rainbows',
  'compound interest',
  'the immune system',
  'a neural network',
  'tides',
  'GPS',
  'blockchain',
  'the water cycle',
  'an electric motor',
];
export const SUBJECTS_ZH: readonly string[] = [
  '光合作用',
  '汽车发动机',
  '疫苗',
  '股票市场',
  '公钥加密',
  '冰箱',
  '彩虹',
  '复利',
  '免疫系统',
  '神经网络',
  '潮汐',
  '卫星定位',
  '区块链',
  '水循环',
  '电动机',
];

export const COURSES_EN: readonly string[] = [
  '9th grade English',
  'an intro to Python course',
  'a high-school biology lab',
  'a university ethics seminar',
  'a public speaking workshop',
  'AP History',
  'a data science bootcamp',
  'a middle-school art class',
];
export const COURSES_ZH: readonly string[] = [
  '初二语文',
  '大学Python入门课',
  '高中生物实验课',
  '研究生学术写作课',
  '演讲与口才选修课',
  '高一历史',
  '数据分析训练营',
  '小学美术课',
];

export const CRITERIA_EN: readonly string[] = [
  'helpfulness',
  'factual accuracy',
  'harmlessness',
  'coherence',
  'conciseness',
  'instruction following',
  'creativity',
  'relevance',
  'honesty',
  'level of detail',
];
export const CRITERIA_ZH: readonly string[] = [
  '有用性',
  '事实准确性',
  '无害性',
  '连贯性',
  '简洁性',
  '指令遵循',
  '创造性',
  '相关性',
  '诚实性',
  '详细程度',
];

export const MODELS: readonly string[] = [
  'Model A',
  'Model B',
  'assistant_1',
  'assistant_2',
  'gpt-4o',
  'claude-3',
  'qwen-72b',
  'llama-3-70b',
  'deepseek-v3',
];

export const CITIES_EN: readonly string[] = [
  'Lisbon',
  'Kyoto',
  'Chicago',
  'Cape Town',
  'Vancouver',
  'Istanbul',
  'Melbourne',
  'Mexico City',
  'Prague',
  'Seoul',
  'Singapore',
  'Edinburgh',
];
export const CITIES_ZH: readonly string[] = [
  '成都',
  '杭州',
  '西安',
  '厦门',
  '大理',
  '青岛',
  '苏州',
  '桂林',
  '哈尔滨',
  '重庆',
  '南京',
  '长沙',
];
export const PRODUCTS_EN: readonly string[] = [
  'a budgeting app',
  'an electric bike',
  'a note-taking tool',
  'a coffee subscription',
  'a language-learning app',
  'noise-cancelling headphones',
  'a project management SaaS',
  'a reusable water bottle',
];
export const PRODUCTS_ZH: readonly string[] = [
  '记账App',
  '电动自行车',
  '笔记软件',
  '咖啡订阅服务',
  '外语学习App',
  '降噪耳机',
  '项目管理SaaS',
  '保温杯',
];
export const DISHES_EN: readonly string[] = [
  'lasagna',
  'pad thai',
  'banana bread',
  'chicken curry',
  'a vegan chili',
  'sourdough bread',
  'miso soup',
  'pancakes',
];
export const DISHES_ZH: readonly string[] = [
  '红烧肉',
  '西红柿炒鸡蛋',
  '麻婆豆腐',
  '饺子',
  '宫保鸡丁',
  '酸菜鱼',
  '葱油饼',
  '蛋炒饭',
];
export const LANGS_EN: readonly string[] = ['Spanish', 'German', 'Japanese', 'French', 'Korean', 'Italian', 'Chinese'];
export const LANGS_ZH: readonly string[] = ['英文', '日文', '法文', '德文', '韩文', '西班牙文'];
