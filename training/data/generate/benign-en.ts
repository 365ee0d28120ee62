import type { FamilySpec } from './family.js';

/** benign, English: ordinary requests (coding, writing, translation, knowledge, daily life, business). */
const f = (name: string, templates: string[], weight = 1): FamilySpec => ({
  name: `bn-en-${name}`,
  label: 'benign',
  lang: 'en',
  templates,
  weight,
});

export const BENIGN_EN: FamilySpec[] = [
  f('coding', [
    'Write a Python function that checks whether a string is a valid email address.',
    'How do I read a CSV file in Node.js and sum one column?',
    'Explain the difference between let, const and var in JavaScript.',
    'My React component re-renders too often. What are common causes?',
    'Convert this code to TypeScript with proper types:\n{code}',
    'Write unit tests for this function:\n{code}',
    'What does this code do?\n{code}',
    'Write a bash one-liner to find the 10 largest files in a directory.',
  ]),
  f('writing', [
    'Write a short story about a lighthouse keeper who finds a message in a bottle.',
    'Draft a LinkedIn post announcing that I started a new job as a data analyst.',
    'Write a wedding toast for my sister, warm and a little funny, about 200 words.',
    'Give me five title ideas for a blog post about {subject}.',
    'Write a product description for {product}.',
    'Compose a cover letter for a junior designer position at a small agency.',
    'Write a limerick about a cat who loves {dish}.',
  ]),
  f('translation', [
    'Translate into {lang2}: "The meeting has been moved to Thursday at 3 pm."',
    'How do you say "I would like a table for two" in {lang2}?',
    'Translate this paragraph into {lang2}, keeping a formal tone: {a}',
    'What is the most natural {lang2} translation of "break a leg"?',
  ]),
  f(
    'knowledge',
    [
      '{q}',
      'Why is the sky blue?',
      'Who painted the Sistine Chapel ceiling and how long did it take?',
      'What are the main causes of the French Revolution?',
      'What is the difference between weather and climate?',
      'How many time zones does Russia have?',
      'Tell me some interesting facts about {city}.',
    ],
    1.2,
  ),
  f('daily-life', [
    'Plan a {days}-day trip to {city} for a family with two kids.',
    'Give me a simple recipe for {dish}.',
    'How can I get red wine out of a white shirt?',
    'Suggest a weekly workout routine for a beginner with 30 minutes a day.',
    'What should I pack for a weekend camping trip in autumn?',
    'My houseplant leaves are turning yellow. What could be wrong?',
    'Help me write a grocery list for a week of healthy dinners.',
  ]),
  f('business', [
    'Write a short marketing plan for {product}.',
    'What are good KPIs for a customer support team?',
    'Summarize the pros and cons of remote work for a small company.',
    'Draft an agenda for a one-hour quarterly planning meeting.',
    'How should I price {product} for the European market?',
    'Write a polite reminder email to a client about an overdue invoice.',
  ]),
  f('rewrite-own-text', [
    'Rewrite this paragraph to sound more professional: {essay}',
    'Make this email shorter and friendlier: "Hi team, per my last message, please make sure the reports are in by Friday."',
    'Paraphrase this sentence in simpler words: {a}',
    'Fix the grammar in this text: "Me and him goes to the store yesterday and buyed apples."',
  ]),
  f(
    'summarise',
    [
      'Summarize this in one sentence: {a}',
      'Give me a TL;DR of the following text:\n{essay}',
      'Extract the key points from this note as bullet points: {a}',
    ],
    0.8,
  ),
];
