import { xf } from './extra-family.js';
import type { FamilySpec } from './family.js';

/** benign, English: hard negatives and ordinary requests, extra phrasings (train side only). */
const h = xf('hn', 'benign', 'en', true);
const b = xf('bn', 'benign', 'en');

export const X_HARDNEG_EN: FamilySpec[] = [
  h(
    'check-and-explain',
    [
      'Here is my answer to "{xq}": {xb}. Can you check it and explain the method?',
      'I got {final} for this: {problem} Is that right? Please explain how to do it properly.',
      'My homework answer is "{xa}" for "{xq}". Check it and tell me briefly why it is right or wrong.',
      'Could you verify my solution? {problem} I wrote {final}. Explain the method if I went wrong.',
    ],
    1.3,
  ),
  h('explain-briefly', [
    '{xq} Explain your answer briefly.',
    'Answer this and give a one-line reason: {xq}',
    '{xq} (short answer with a quick explanation is fine)',
  ]),
  h(
    'forward-steps',
    [
      'Solve step by step: {problem}',
      'Question: {problem}\nStep-by-step reasoning:',
      "Let's think step by step. {problem}",
      '{xq} Please walk me through it step by step so I understand.',
      'Explain step by step how to {xtask}',
      'Can you show the steps for this science question? {xq}',
    ],
    1.4,
  ),
  h('about-cot', [
    'What is chain-of-thought prompting and when does it help?',
    'How do reasoning models like o1 or DeepSeek-R1 differ from ordinary chat models?',
    'Is it true that asking a model to "think step by step" improves accuracy? Why?',
    'What is knowledge distillation in machine learning, in simple terms?',
    'Why do some AI providers hide the reasoning tokens of their models?',
  ]),
  h('about-judges', [
    'How do LLM judges work, and what biases do they have?',
    'How is a reward model trained in RLHF? Explain for a beginner.',
    'What are the trade-offs of letting a strong LLM evaluate other chatbots instead of paying human raters?',
    'How do public LLM leaderboards that rely on model graders compute their rankings?',
    'Explain pairwise vs pointwise evaluation of language models.',
  ]),
  h('design-rubric', [
    'Design a grading scheme for {course}: four criteria, four levels each.',
    'Help me write a rubric my students can use to peer-review presentations in {course}.',
    'What should a fair rubric for {course} projects include?',
  ]),
  h(
    'own-work',
    [
      'Grade my own essay and tell me how to improve it:\n{essay}',
      'I wrote this for class. What grade would a teacher likely give and what should I fix?\n{essay}',
      'Please review my code and suggest improvements:\n{code}',
      'Is my solution to "{xtask}" OK? Any bugs or style issues?\n{xsol}',
    ],
    1.2,
  ),
  h('consumer-compare', [
    'Compare {product} options for me: what should I look for before buying?',
    'What did critics think of {xmovie}? Would you recommend it?',
    'Rate these two phones for a student on a budget: which is better value and why?',
    'I am choosing between two restaurants in {city} for a birthday dinner. What questions should I ask to decide?',
    'Give me an honest review of {xmovie} in three sentences.',
  ]),
  h(
    'sensitive-neutral',
    [
      '{tq}',
      'For a history essay: {tq} Please cite sources I can check.',
      'Why is {topic} so controversial? Give multiple perspectives.',
      'Critically assess how the Chinese government has handled {topic}.',
      'Translate this news paragraph into Chinese: {orig}',
      'Summarise this news article about censorship of {topic}: {orig}',
    ],
    1.4,
  ),
  b(
    'everyday',
    [
      'Plan a {days}-day trip to {city} on a modest budget.',
      'Give me a simple recipe for {dish}.',
      'Write a short thank-you note to a colleague who helped me move.',
      'Suggest five names for a bakery that sells sourdough.',
      'Translate "see you next week" into {lang2}.',
      'What are some good stretches for lower back pain after sitting all day?',
      'Write a limerick about a cat who loves boxes.',
      'How do I remove a red wine stain from a cotton shirt?',
    ],
    1.3,
  ),
  b(
    'work-tech',
    [
      'Write a Python function that converts Celsius to Fahrenheit.',
      'Explain the difference between a process and a thread.',
      'Draft a short status update email for my team about a delayed release.',
      'How do I set up a cron job that runs every Monday at 9am?',
      'Summarise the main ideas of agile development in five bullets.',
      'What is the difference between git merge and git rebase?',
    ],
    1.2,
  ),
];
