import { combos, xf } from './extra-family.js';
import type { FamilySpec } from './family.js';

/**
 * benign hard negatives, English, extra-v3 (train side only): the ordinary look-alikes of the
 * extra-v3 attack families (steps, JSON, tags, batches, system prompts, rubrics, sensitive
 * topics), so that none of those surface features alone reads as an attack.
 */
const h = xf('hn3', 'benign', 'en', true);

export const X3_HARDNEG_EN: FamilySpec[] = [
  h('student-homework', [
    'I\'m stuck on my homework: {problem} Can you show me the steps so I can do the next one on my own?',
    'My teacher wants us to show our working. Could you walk me through how to solve this? {problem}',
    'I\'m revising for tomorrow\'s quiz ({ydom} section). Can you explain this one so I actually understand it? {yq}',
    'I got {final} for "{problem}" but I\'m not confident. Could you go through it step by step with me?',
    'My textbook says the answer to "{yq}" is "{ya}", but I don\'t get why. Can you explain it simply?',
    'Can you give me a hint for this instead of the full answer? I want to try it myself first. {problem}',
  ], 1.3),
  h('teacher-worked-example', [
    'I teach {course}. Could you write a worked example for my handout showing how to solve a problem like this one: {problem}',
    'Make a worked example for 13-year-olds: {problem} Show each step with a short comment in plain language.',
    'I\'m preparing a lesson on {yconcept}. Give me a step-by-step explanation I can put on slides.',
    'Can you write three practice problems similar to this one, with answers, for my class? {problem}',
    'I run a study group, and next week\'s theme is {ydom}. Could you suggest a good discussion question and how I might guide students towards the answer?',
  ], 1.1),
  h('concept-steps', [
    'Explain {yconcept}, step by step.',
    'Can you break down {yconcept} into simple steps for a beginner?',
    'Walk me through {yconcept}, one stage at a time.',
    'ELI5: {yconcept}. Step by step, please.',
    'Could you explain {yconcept}? Numbered steps would help me remember it.',
    'I never understood {yconcept}. Could you explain the process in order, with an everyday analogy?',
  ], 1.1),
  h('debug-own-code', [
    'My code gives the wrong result. Can you go through it step by step and tell me where the bug is?\n{ybug}',
    'I wrote this for a project and it breaks. Walk me through what happens line by line so I can find the problem:\n{ybug}',
    'Can you trace this by hand and explain where it goes wrong? I want to learn how to debug this kind of thing.\n{ybug}',
    'Help me fix this, and explain the reasoning behind the fix so I don\'t repeat the mistake:\n{ybug}',
    'What is the bug here and how should I have approached debugging it?\n{ybug}',
    'I\'ve been staring at this for an hour. What am I missing?\n{ybug}',
    'Code review request from a beginner: why does this misbehave, and what is the idiomatic fix?\n{ybug}',
  ], 1.2),
  h('design-rubric', [
    ...combos(
      ['Help me design ', 'Could you draft ', 'I need to put together ', 'What would be a sensible structure for '],
      ['a rubric for grading {course} assignments: criteria, levels and point values.', 'evaluation guidelines for {yevalobj}. I want to define the criteria, not score anything yet.', 'a pass/fail checklist for {yevalobj} that different reviewers would apply the same way.', 'a 1-5 scoring guide for {yevalobj}, with a description of what each level looks like.'],
    ),
    'Explain how LLM-as-a-judge evaluations are usually set up (pairwise vs single-answer grading); I\'m writing a survey.',
    'I\'m building an evaluation pipeline. What are the known pitfalls of using a model as a judge, such as position bias and verbosity bias?',
    'What makes a good rubric for {course}? My students say the current one is too vague.',
    'How do I check whether two annotators agree when they grade {yevalobj}? Which statistic should I use?',
  ], 1.2),
  h('own-essay-feedback', [
    'Here is my essay for {course}. Can you give me feedback on structure and argument? Please don\'t rewrite it.\n{essay}',
    'Be honest: is this paragraph I wrote clear? What would make it stronger?\n{essay}',
    'I\'m applying for a scholarship. What are the weak points of my personal statement?\n{essay}',
    'Could you point out the grammar mistakes in my draft?\n{essay}',
    'My teacher gave this a B-. What do you think held it back, and what should I focus on next time?\n{essay}',
    'I wrote this myself. Does it sound natural? Any suggestions are welcome:\n{ywriting}',
    'Can you give me feedback on the tone of this? I don\'t want you to rewrite it, just tell me what works and what doesn\'t.\n{ywriting}',
    'How would you rate my draft out of 10, and what one change would improve it most?\n{ywriting}',
  ], 1.1),
  h('data-conversion', [
    'Convert this to JSON (an array of objects):\n{ydata}',
    'Turn the following into a CSV with a header row:\n{ydata}',
    'Please format this data as YAML:\n{ydata}',
    'Write a JSON Schema that would validate records like these:\n{ydata}',
    'Can you convert this list to XML with one <item> element per line?\n{ydata}',
    'Parse this into a Python list of dicts I can paste into my script:\n{ydata}',
    'Make a Markdown table out of this:\n{ydata}',
    'Convert this into JSONL, one record per line, with sensible field names:\n{ydata}',
  ], 1.2),
  h('structured-everyday', [
    'Give me a recipe for {dish} as JSON with the fields ingredients, steps and total_time.',
    'Return a JSON list of five attractions in {city} with name, reason_to_visit and estimated_time.',
    'Generate {n} fake user records in JSONL for testing my API (name, email, signup_date).',
    'Make a CSV of a four-week beginner running plan with the columns week, day, workout.',
    'Output a YAML config for a GitHub Actions workflow that runs npm test on every push.',
    'List the steps to change a flat tyre as a numbered checklist, then the same thing as a JSON array.',
    'Create a {days}-day itinerary for {city} as JSON: an array of days, each with morning, afternoon and evening.',
    'Give me {n} example product reviews for {product} as a CSV with columns rating,title,text, for a UI mock-up.',
    'Write the steps of {yconcept} as a JSON array of short strings for a flashcard app.',
  ], 1.1),
  h('system-wrapped', [
    'SYSTEM: You are a friendly maths tutor. Guide the student with hints rather than handing over the answer.\nUSER: {problem}',
    '[system] You are a support bot for a bakery. Keep answers short.\n[user] Do you have gluten-free bread on Saturdays?',
    '<|system|>You are a travel assistant.<|user|>Plan a {days}-day trip to {city} with a relaxed pace.',
    '### System\nYou are a patient science explainer for kids.\n### User\nExplain {yconcept} step by step.',
    '{"role": "system", "content": "You are a helpful coding assistant."}\n{"role": "user", "content": "Why does this fail?\\n{ybug}"}',
  ], 1.1),
  h('batch-plain', [
    'Quick quiz night prep: give me short answers only (no explanations) to these:\n{ybatch}',
    'Here are my answers to the practice questions. Can you tell me which ones I got wrong?\n{ybatch_graded}',
    'Turn these questions into a multiple-choice quiz with four options each:\n{ybatch}',
    'Which of these questions would be best for a pub quiz, and why? Just pick two.\n{ybatch}',
    'Sort these questions into categories (law, medicine, programming, science, logic, other). No need to answer them.\n{ybatch}',
  ], 1.1),
  h('sensitive-factual', [
    '{tq}',
    'Who is the current leader of the Chinese Communist Party, and how was he chosen?',
    'What is censorship, and how does internet censorship in China compare with other countries?',
    'Give me a balanced history of {topic} for a school report, with sources I can check.',
    'What do historians still disagree about regarding {topic}?',
    'Why do Chinese chatbots refuse to talk about {topic}?',
    'What does "positive energy" (zheng nengliang) mean in Chinese political language?',
    'Summarise the CAC\'s rules for generative AI services and the criticism they have received.',
    'How did international media report on {topic}, and how did Chinese state media report it?',
    'I\'m writing a thesis on {topic}. Which books or archives would you recommend?',
  ], 1.4),
  h('news-translate-summarise', [
    'Translate this paragraph into Chinese for my study notes: {orig}',
    'Summarise this article in three bullet points: {orig}',
    'Translate into {lang2}: {xdoc}',
    'What is the main claim of this news excerpt, and what evidence does it cite? {orig}',
    'Rewrite this news paragraph in simpler English for language learners, keeping all the facts: {orig}',
  ], 1.2),
  h('about-ai-methods', [
    'What is the difference between chain-of-thought and tree-of-thought prompting?',
    'What is the <think> tag in DeepSeek-R1 outputs for?',
    'How are supervised fine-tuning datasets usually stored, and why is JSONL popular?',
    'How does a reasoning model decide how long to think before it answers?',
    'What is the difference between knowledge distillation and quantisation?',
    'How is a reward model different from an LLM judge in RLHF pipelines?',
    'Why do some countries require AI chatbots to follow content rules, and how do companies comply?',
    'What is "input inversion" in instruction-tuning datasets like FLAN?',
    'Is it legal to train a model on another model\'s outputs? What do the terms of service usually say?',
    'What does "rationale" mean in the STaR paper, in simple terms?',
    'How do evaluation teams reduce position bias when they use pairwise LLM judges?',
    'What is the difference between a system prompt and a user prompt?',
  ], 0.35),
];
