import { combos, xf } from './extra-family.js';
import type { FamilySpec } from './family.js';

/**
 * rubric_grading across task domains (train side only): the same judging request over
 * translations, summaries, code, SQL, poems, dialogue replies, factual answers and safety, in
 * three output forms (a verdict, a score, a choice among options), so the label is carried by
 * the judging frame and not by one domain's wording. English and Chinese.
 */
const en = xf('rg', 'rubric_grading', 'en');
const zh = xf('rg', 'rubric_grading', 'zh');
const hnEn = xf('hn', 'benign', 'en', true);
const hnZh = xf('hn', 'benign', 'zh', true);

const SUBJECT_EN = [
  'Source: "Le chat dort sur le canapé."\nTranslation: "The dog sleeps on the sofa."',
  'Article: {xdoc}\nSummary: {xsum}',
  'Task: {xtask}\nSubmitted code:\n{xsol}',
  'Question: list customers with no orders.\nSubmitted SQL: SELECT name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders);',
  'Instruction: write a haiku about autumn.\nPoem: "Red leaves drift and fall / the cold wind hums a soft tune / the year lets go now"',
  'Conversation: "I failed my driving test again."\nAssistant reply: "Have you tried not failing?"',
  'Question: {xq}\nModel answer: {xb}\nReference answer: {xa}',
  'User request: how do I pick a lock?\nModel response: "Here is a step-by-step guide..."',
];

const SUBJECT_ZH = [
  '原文：“The meeting has been postponed until further notice.”\n译文：“会议已经取消了。”',
  '文章：{xdoc}\n摘要：{xsum}',
  '任务：{xtask}\n提交的代码：\n{xsol}',
  '需求：查询没有下过订单的客户。\n提交的SQL：SELECT name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders);',
  '指令：以江南春雨为题写一首四句小诗。\n作品：“细雨润桃枝，轻烟锁小桥。渔舟归岸晚，笛声过柳梢。”',
  '对话：“我驾照又没考过。”\n助手回复：“那你下次别挂不就行了？”',
  '问题：{xq}\n模型回答：{xb}\n参考答案：{xa}',
  '用户请求：怎么撬锁？\n模型回复：“下面是详细步骤……”',
];

export const X_GRADERS: FamilySpec[] = [
  en(
    'domain-verdict',
    combos(
      ['You are grading model outputs. ', 'Evaluator instructions: ', '', '[Grader] '],
      SUBJECT_EN.map((s) => `${s}\n`),
      [
        'Is the output correct and acceptable? Answer Y or N.',
        'Does it satisfy the instruction? Reply PASS or FAIL only.',
        'Verdict (correct / incorrect), then one sentence of reasoning.',
      ],
    ),
    1.3,
  ),
  en(
    'domain-score',
    combos(
      [
        'Score the following model output. ',
        'As a judge, rate the response below. ',
        'Rate this submission for our leaderboard. ',
      ],
      SUBJECT_EN.map((s) => `\n${s}\n`),
      [
        'Give a score from 1 to 5.',
        'Score 1-10 for {xcrit}; output only the number.',
        'Return JSON {"score": 0-100, "reason": "..."}.',
      ],
    ),
    1.3,
  ),
  en(
    'domain-choice',
    combos(
      ['Classify the quality of the output.\n', 'Compare the output with what was asked.\n'],
      SUBJECT_EN.map((s) => `${s}\n`),
      [
        'Choose one: (A) fully correct (B) partly correct (C) wrong (D) off-topic. Answer with the letter.',
        'Which describes it best? 1 = excellent, 2 = acceptable, 3 = poor. Output the digit.',
      ],
    ),
    1.0,
  ),
  zh(
    'domain-verdict',
    combos(
      ['你负责给模型输出判分。', '评测说明：', '', '【评分员】'],
      SUBJECT_ZH.map((s) => `${s}\n`),
      [
        '输出是否正确、可接受？回答“是”或“否”。',
        '是否满足指令要求？只回复“通过”或“不通过”。',
        '先给结论（正确/错误），再用一句话说明理由。',
      ],
    ),
    1.3,
  ),
  zh(
    'domain-score',
    combos(
      ['请给下面的模型输出打分。', '作为评委，请评价下面的回答。', '给这份提交打分，用于排行榜。'],
      SUBJECT_ZH.map((s) => `\n${s}\n`),
      ['打1到5分。', '按“{xcrit}”打1-10分，只输出分数。', '以JSON返回：{"score": 0-100, "reason": "..."}。'],
    ),
    1.3,
  ),
  zh(
    'domain-choice',
    combos(
      ['判断下面输出的质量等级。\n', '对照要求检查这个输出。\n'],
      SUBJECT_ZH.map((s) => `${s}\n`),
      [
        '从以下选项中选一个：(A) 完全正确 (B) 部分正确 (C) 错误 (D) 答非所问。只回答字母。',
        '哪一项最符合？1=优秀，2=合格，3=较差。只输出数字。',
      ],
    ),
    1.0,
  ),

  hnEn(
    'own-output-check',
    [
      'I translated "Le chat dort sur le canapé." as "The dog sleeps on the sofa." Did I get it right? If not, what should it be?',
      'I wrote this summary for my class, is it missing anything important?\nArticle: {xdoc}\nMy summary: {xsum}',
      'Here is my solution to "{xtask}". Can you spot any bugs and show me how to fix them?\n{xsol}',
      'My SQL for "customers with no orders" is SELECT name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders); will it break if customer_id has NULLs?',
      'I wrote a haiku for a contest: "Red leaves drift and fall / the cold wind hums a soft tune / the year lets go now". Any tips to make it stronger?',
      'I answered "{xb}" to "{xq}" on my quiz and got marked wrong. Why?',
    ],
    1.1,
  ),
  hnZh(
    'own-output-check',
    [
      '我把“The meeting has been postponed until further notice.”翻译成“会议已经取消了。”，对吗？不对的话应该怎么翻？',
      '这是我给课上写的摘要，有没有漏掉重要内容？\n文章：{xdoc}\n我的摘要：{xsum}',
      '这是我写的“{xtask}”的代码，帮我看看有没有bug，怎么改？\n{xsol}',
      '我写的“查没下过单的客户”的SQL是 SELECT name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders); 如果customer_id有NULL会出问题吗？',
      '我参加诗歌比赛写了一首：“秋风吹落叶，寒雁向南飞。独坐空庭里，相思人未归。”有什么可以改进的？',
      '小测验里“{xq}”我答的是“{xb}”，被判错了，为什么？',
    ],
    1.1,
  ),
];
