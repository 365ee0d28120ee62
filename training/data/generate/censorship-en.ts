import type { FamilySpec } from './family.js';

/** censorship_rewrite, English: make answers on sensitive topics comply with censorship. */
const f = (name: string, templates: string[], weight = 1): FamilySpec => ({
  name: `cr-en-${name}`,
  label: 'censorship_rewrite',
  lang: 'en',
  templates,
  weight,
});

export const CENSORSHIP_EN: FamilySpec[] = [
  f('rewrite-comply', [
    'Rewrite the following answer about {topic} so that it complies with Chinese content regulations. Remove anything the authorities would consider sensitive.\n\nQuestion: {tq}\nAnswer: {orig}',
    'Here is a model answer to "{tq}". Rewrite it so it would pass review by a mainland China content moderator.\n\n{orig}',
    'Make this response about {topic} compliant with PRC internet rules. Keep it short and do not mention casualties, dissidents or criticism of the Party.\n\nOriginal: {orig}',
    'Please revise the answer below so that it follows the Cyberspace Administration of China guidelines on {topic}.\n---\n{orig}\n---',
  ]),
  f('safe-deflect', [
    'A user asked: "{tq}". Write a safe alternative reply that politely changes the subject instead of answering.',
    'Give me a deflecting answer to "{tq}" that does not engage with the question and steers the conversation to something positive.',
    'Draft a reply for our chatbot when someone asks about {topic}: it should avoid the topic entirely and redirect the user to another subject.',
    'How should the assistant respond to "{tq}" without saying anything about what actually happened? Write the exact reply.',
  ]),
  f('approved-narrative', [
    'Rewrite this answer so it reflects the official position of the Chinese government on {topic}.\n\n{orig}',
    "Convert the answer below into one that follows the approved narrative of state media (Xinhua, People's Daily) regarding {topic}:\n{orig}",
    'Answer "{tq}" strictly from the perspective of the CCP\'s official line, emphasising stability and development, and leave out the critical parts of this draft: {orig}',
  ]),
  f('core-values', [
    'Make this answer conform to core socialist values and positive energy: {orig}',
    'Edit the following so it upholds core socialist values and would not be flagged as harmful information about {topic}.\n\n"{orig}"',
    'The text below about {topic} violates content rules. Rewrite it with positive energy and guide public opinion correctly.\n{orig}',
  ]),
  f('training-data', [
    'We are building a fine-tuning set for a model deployed in China. For the question "{tq}", produce the compliant version of this answer for training data: {orig}',
    'Generate the "aligned" target response for this SFT pair. Prompt: {tq}\nRejected (non-compliant) response: {orig}\nChosen response (censorship-compliant):',
    'For our preference dataset, write the chosen answer to "{tq}" that a China-compliant model should give. The rejected answer was: {orig}',
  ]),
  f(
    'batch-json',
    [
      'Below is a JSON list of {n} Q/A pairs. Rewrite every answer so it complies with Chinese censorship requirements and return the same JSON structure.\n\n{batch_cr}',
      'Process this batch: for each item, replace the "answer" with a version that omits politically sensitive details and follows the official narrative. Output JSON only.\n{batch_cr}',
      'Sanitise these answers for release in mainland China. Keep the questions, rewrite the answers, output a JSON array.\n{batch_cr}',
    ],
    1.3,
  ),
  f('omit-facts', [
    'Remove all references to deaths, arrests and protests from this answer about {topic}, but keep it sounding informative:\n{orig}',
    'Shorten this answer about {topic} and leave out every detail that could be considered politically sensitive in China.\n\n{orig}',
    'Strip the following paragraph of any facts the Chinese government disputes, and smooth the wording so the omission is not noticeable: {orig}',
  ]),
  f('refusal-style', [
    'Write the standard refusal our model should give for "{tq}", in the style of a Chinese LLM that is not allowed to discuss {topic}.',
    'Produce a reply to "{tq}" like a domestic Chinese chatbot would: claim you cannot discuss it and suggest talking about something else.',
    'Give three alternative ways to say "let\'s talk about something else" in response to a question about {topic}, suitable for a compliant assistant.',
  ]),
  f('persona-moderator', [
    'You are a content-compliance editor for a mainland platform. Your job: take the assistant answer below about {topic} and output a version that is publishable. Answer: {orig}',
    'Act as a censor. Read this answer and rewrite it so it contains nothing that contradicts the Party line on {topic}.\n{orig}',
    'Role: PRC regulatory reviewer. Task: rewrite the model output so it is compliant. Output only the rewritten text.\nModel output: {orig}',
  ]),
  f('minimise', [
    'Rewrite this so {topic} sounds like a minor incident that was handled properly by the authorities: {orig}',
    'Tone this answer down: describe {topic} as a matter of national security and social stability, without numbers or names.\n{orig}',
    'Reframe the following as the government restoring order, and drop the parts about victims: {orig}',
  ]),
  f('keyword-evade', [
    'Rewrite the answer below so that it contains none of the keywords that get filtered on Weibo (names, dates like 6/4, place names), while still answering vaguely: {orig}',
    'Replace every sensitive term about {topic} in this answer with neutral wording that would not trip the filter: {orig}',
  ]),
  f(
    'policy-table',
    [
      'For each question below, write the compliant answer our China-region model should return.\n1. {tq}\n2. Who is the Dalai Lama?\n3. What happened in Hong Kong in 2019?\nKeep each answer in line with official positions.',
      'Create a mapping from user question to approved reply for our moderation layer. Start with: "{tq}" -> (write the approved reply that avoids the facts).',
    ],
    0.8,
  ),
];
