/** Deterministic benchmark prompts of two sizes (~40 and ~300 encoder tokens). */
const SUBJECTS = [
  'a binary search tree',
  'photosynthesis',
  'the French revolution',
  'compound interest',
  'TCP congestion control',
  'a sourdough starter',
  'the Krebs cycle',
  'quicksort',
];
const TASKS = [
  'Explain how',
  'Write a short summary of how',
  'Give three facts about how',
  'Describe for a beginner how',
];

export function shortPrompt(i: number): string {
  return `${TASKS[i % TASKS.length]} ${SUBJECTS[i % SUBJECTS.length]} works, mention one common misconception people have about it, and suggest a simple experiment or example that shows the idea clearly (request ${i}).`;
}

export function longPrompt(i: number): string {
  const parts: string[] = [];
  for (let k = 0; k < 7; k++) {
    parts.push(
      `${TASKS[(i + k) % TASKS.length]} ${SUBJECTS[(i + k) % SUBJECTS.length]} works in practice, including the main steps, the usual pitfalls, and how an expert would check the result.`,
    );
  }
  return `${parts.join(' ')} Request ${i}.`;
}
