/**
 * Filling third-party prompt templates (read from the public datasets at run time) with slot values.
 * Placeholders come in several syntaxes: {x}, {{ x }}, {{ x | trim }}, {input['x']}, {sample[x]}; Jinja
 * control blocks are dropped. Every placeholder is mapped to a semantic role; templates with a placeholder
 * no role covers are not used.
 */

export type Role =
  | 'question'
  | 'question2'
  | 'answer'
  | 'answer2'
  | 'answerB'
  | 'answerB2'
  | 'answer3'
  | 'answer4'
  | 'reference'
  | 'reference2'
  | 'rubric'
  | 'context'
  | 'maxScore'
  | 'minScore';

const ROLE_OF: Record<string, Role> = {};
function alias(role: Role, names: string[]): void {
  for (const n of names) ROLE_OF[n] = role;
}
alias('question', [
  'question',
  'question_1',
  'instruction',
  'input',
  'query',
  'prompt',
  'problem',
  'user_input',
  'task',
  'quiz',
  'content',
  'orig_instruction',
]);
alias('question2', ['question_2']);
alias('answer', [
  'answer',
  'answer_1',
  'answer_a',
  'answer_a_1',
  'response',
  'response_a',
  'completion',
  'output',
  'output_1',
  'text_1',
  'attempt',
  'actual_output',
  'prediction',
  'given_answer',
  'user_answer',
  'summary',
  'deepseek_solution',
]);
alias('answer2', ['answer_2', 'answer_a_2']);
alias('answerB', ['answer_b', 'answer_b_1', 'output_2', 'text_2', 'response_b']);
alias('answerB2', ['answer_b_2']);
alias('answer3', ['text_3']);
alias('answer4', ['text_4']);
alias('reference', [
  'ref_answer_1',
  'reference_answer',
  'ground_truth',
  'correct_answer',
  'standard_answer',
  'ideal',
  'golden_answer',
  'expected_output',
  'solution',
  'best_answer_1',
  'ground_truth_solution',
  'world_knowledge',
]);
alias('reference2', ['ref_answer_2', 'best_answer_2']);
alias('rubric', ['rubric', 'criteria', 'criterion']);
alias('context', ['context', 'document', 'fullbody', 'contexts', 'documents', 'relevant_context']);
alias('maxScore', ['score', 'max_score']);
alias('minScore', ['min_score']);

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.[\]'"]*)\s*(?:\|[^}]*)?\}\}|\{([A-Za-z_][\w[\]'"]*)\}/g;
const JINJA_BLOCK = /\{%-?\s*if[^%]*%\}[\s\S]*?\{%-?\s*endif\s*-?%\}/g;
const JINJA_TAG = /\{%[^%]*%\}/g;

function normalise(raw: string): string {
  let n = raw.trim();
  const inner = /^\w+\[['"]?(\w+)['"]?\]$/.exec(n);
  if (inner?.[1]) n = inner[1];
  n = n.toLowerCase();
  if (n.startsWith('safe_')) n = n.slice(5);
  return n;
}

/** Placeholders (normalised) found in a template after dropping Jinja blocks. */
export function placeholders(text: string): string[] {
  const body = text.replace(JINJA_BLOCK, '').replace(JINJA_TAG, '');
  const out = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) out.add(normalise(m[1] ?? m[2] ?? ''));
  return [...out];
}

/** Roles a template needs, or null when one of its placeholders maps to no role. */
export function rolesOf(text: string): Role[] | null {
  const roles = new Set<Role>();
  for (const p of placeholders(text)) {
    const r = ROLE_OF[p];
    if (!r) return null;
    roles.add(r);
  }
  return [...roles];
}

export function fillTemplate(text: string, values: Partial<Record<Role, string>>): string {
  const body = text.replace(JINJA_BLOCK, '').replace(JINJA_TAG, '');
  return body.replace(PLACEHOLDER, (whole: string, a?: string, b?: string) => {
    const role = ROLE_OF[normalise(a ?? b ?? '')];
    if (!role) return whole;
    return values[role] ?? '';
  });
}

/** Fill `{name}` slots of our own templates. */
export function fillSlots(text: string, slots: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole: string, k: string) => (k in slots ? String(slots[k]) : whole));
}
