/**
 * Legitimate look-alike prompts written for this generator: students asking for steps, teachers designing
 * rubrics, writers asking feedback on their own drafts, office work, and templated batch jobs.
 */
import type { Datasets } from '../lib/datasets.js';
import type { Rng } from '../lib/rng.js';
import { fillSlots } from './fill.js';
import { genProblem } from './mathgen.js';
import { sentences, truncate } from './text.js';

const STUDENT_EN = [
  'Can you help me solve this step by step? {q}',
  "I don't get how to do this one: {q}",
  '{q}\nPlease show the steps, I have a test tomorrow.',
  'How do I start this problem? {q}',
  '{q}',
  'I got {wrong} for this but the book says otherwise. Where did I go wrong?\n{q}',
  'Explain the method for this kind of question: {q}',
];
const STUDENT_ZH = [
  '这道题怎么做？能一步一步讲一下吗？\n{q}',
  '{q}\n我不会做，求详细过程',
  '老师布置的作业：{q}',
  '{q}',
  '这题我算出来是{wrong}，哪里错了？\n{q}',
  '请讲解一下这道题的解题思路：\n{q}',
];

export function studentPrompt(rng: Rng, data: Datasets, zh: boolean): string {
  if (zh) {
    const q = rng.chance(0.3)
      ? genProblem(rng).zh
      : rng.pick(rng.chance(0.5) ? data.pools.math_zh : data.pools.exam_zh);
    return fillSlots(rng.pick(STUDENT_ZH), { q: truncate(q, 2500), wrong: rng.int(2, 200) });
  }
  const q = rng.chance(0.75) ? rng.pick(data.pools.math_en) : rng.pick(data.pools.exam_en);
  return fillSlots(rng.pick(STUDENT_EN), { q, wrong: rng.int(2, 200) });
}

const GRADES = ['5th grade', '7th grade', '9th grade', '11th grade', 'first-year university', 'AP', 'adult ESL'];
const SUBJECTS = [
  'persuasive essay',
  'lab report',
  'history research paper',
  'poetry analysis',
  'group presentation',
  'science fair project',
  'book report',
  'math portfolio',
  'debate',
];
const TEACHER_EN = [
  'Help me design a rubric for a {grade} {subject}. I want {k} criteria with 4 performance levels each, in a table.',
  'Create a simple, student-friendly rubric for a {grade} {subject}. Use "I can" statements.',
  'My rubric for the {subject} is too vague. Make the level descriptors for "{crit}" more concrete:\n{rubric}',
  'Can you turn this rubric into a checklist students can use before submitting?\n{rubric}',
  'What are good criteria for assessing a {grade} {subject}? Explain why each matters.',
  'Write a lesson plan for a 45-minute {grade} class introducing the {subject}. Include a warm-up and an exit ticket.',
  'Suggest 5 ways to give feedback on a {subject} that encourage revision rather than just a grade.',
  'Write 8 quiz questions with answers for {grade} students on {topic}.',
  "I'm grading {subject}s tonight. Using this rubric, what feedback would you give to this student paragraph?\n\nRubric:\n{rubric}\n\nParagraph:\n{para}",
];
const TEACHER_ZH = [
  '请帮我设计一份{grade}{subject}的评分量规，包含{k}个维度，每个维度分4个等级，用表格呈现。',
  '我在给学生布置{subject}，请帮我写一份学生能看懂的评价标准。',
  '请帮我写一份45分钟的教案，主题是{topic}，包含导入、新授和课堂小结。',
  '请出8道关于{topic}的课堂小测题，并附答案。',
];
const ZH_GRADES = ['初一', '初二', '高一', '高二', '小学五年级', '大一'];
const ZH_SUBJECTS = ['议论文写作', '实验报告', '历史小论文', '英语演讲', '数学建模作业', '读书报告'];
const TOPICS = [
  'photosynthesis',
  'the French Revolution',
  'linear equations',
  'plate tectonics',
  'the water cycle',
  'supply and demand',
  '光合作用',
  '一元二次方程',
  '辛亥革命',
];
const CRITS = ['Thesis', 'Evidence', 'Organization', 'Conventions', 'Analysis', 'Use of sources'];

function rubricText(rng: Rng): string {
  return rng
    .sample(CRITS, 3)
    .map((c) => `${c}: 4 = excellent, 3 = good, 2 = developing, 1 = beginning`)
    .join('\n');
}

export function teacherPrompt(rng: Rng, data: Datasets, zh: boolean): string {
  if (zh) {
    return fillSlots(rng.pick(TEACHER_ZH), {
      grade: rng.pick(ZH_GRADES),
      subject: rng.pick(ZH_SUBJECTS),
      k: rng.int(3, 6),
      topic: rng.pick(TOPICS),
    });
  }
  const para = truncate(rng.pick(data.alpaca).output, 700);
  return fillSlots(rng.pick(TEACHER_EN), {
    grade: rng.pick(GRADES),
    subject: rng.pick(SUBJECTS),
    k: rng.int(3, 6),
    crit: rng.pick(CRITS),
    rubric: rubricText(rng),
    topic: rng.pick(TOPICS),
    para,
  });
}

const WRITER_ASK_EN = [
  "Here's a draft of my essay. Can you give me feedback on structure and flow? Don't rewrite it, just tell me what to fix.\n\n{draft}",
  'I wrote this for my blog. Is the opening strong enough? Any parts that drag?\n\n{draft}',
  'This is my personal statement draft. Be honest: what is weak about it?\n\n{draft}',
  'I revised the essay based on your notes. Better now? What would you still change?\n\n{draft}',
  'Can you check my draft for clarity and tone? It is for a general audience.\n\n{draft}',
  'Please point out grammar problems in my paragraph and explain each one briefly:\n\n{draft}',
  'Does my conclusion follow from the rest? Here is the whole piece:\n\n{draft}',
];
const WRITER_ASK_ZH = [
  '这是我写的文章初稿，请帮我看看结构和逻辑有什么问题，不用帮我改写。\n\n{draft}',
  '我修改了一版，你看看比之前好吗？还有哪里可以改进？\n\n{draft}',
  '请帮我检查这段文字的语病和表达不清楚的地方：\n\n{draft}',
];

/** A writer keeps working on the same draft; `version` small edits make it evolve. */
export function writerDraft(rng: Rng, data: Datasets, zh: boolean): string {
  if (zh)
    return truncate(
      rng.pick(
        data.pools.chat_zh.filter((p) => p.length > 300).concat(data.pools.exam_zh.filter((p) => p.length > 600)),
      ),
      2500,
    );
  const parts = rng.sample(data.alpaca, rng.int(1, 3)).map((a) => a.output);
  return truncate(parts.join('\n\n'), 3000);
}

export function writerPrompt(rng: Rng, draft: string, zh: boolean, revision: number): string {
  let text = draft;
  if (revision > 0) {
    const s = sentences(draft);
    const drop = rng.int(0, Math.max(0, s.length - 1));
    text = s.filter((_, i) => i !== drop || s.length < 3).join(zh ? '' : ' ');
  }
  return fillSlots(rng.pick(zh ? WRITER_ASK_ZH : WRITER_ASK_EN), { draft: text });
}

const OFFICE = [
  'Write a short, friendly email to {who} saying the {thing} is delayed until {when}.',
  'Summarize these meeting notes into action items with owners:\n{notes}',
  'Excel: formula to {task}?',
  'Turn these bullet points into a one-paragraph project update for leadership:\n{notes}',
  'Draft a job description for a {role}.',
  'What is a polite way to decline a meeting invite from {who}?',
  'Rewrite this Slack message so it sounds less passive-aggressive: "{msg}"',
];
const OFFICE_SLOTS = {
  who: ['our vendor', 'the client', 'my manager', 'the design team', 'a candidate'],
  thing: ['quarterly report', 'shipment', 'contract review', 'website launch', 'audit'],
  when: ['next Tuesday', 'end of month', 'after the holidays', 'Q3'],
  task: [
    'sum column B only when column A says "paid"',
    'count unique values in a range',
    'look up a price by SKU from another sheet',
    'get the month name from a date',
  ],
  role: ['data analyst', 'customer success manager', 'backend engineer', 'office coordinator'],
  msg: [
    'As I already said twice, the deadline was Friday.',
    'Per my last email, please read the doc.',
    'Not sure why this is still open?',
  ],
};

export function officePrompt(rng: Rng, data: Datasets): string {
  if (rng.chance(0.55)) {
    return rng.pick(rng.chance(0.5) ? data.pools.work_en : rng.chance(0.5) ? data.pools.code_en : data.pools.chat_en);
  }
  const notes = rng
    .sample(
      [
        'budget approved',
        'hiring freeze lifted',
        'migrate CRM by May',
        'Dana owns the vendor review',
        'customer churn up 2%',
        'launch slips one week',
        'new office opens in June',
      ],
      4,
    )
    .map((x) => `- ${x}`)
    .join('\n');
  const s = Object.fromEntries(Object.entries(OFFICE_SLOTS).map(([k, v]) => [k, rng.pick(v)]));
  return fillSlots(rng.pick(OFFICE), { ...s, notes });
}
