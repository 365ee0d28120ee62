import { xf } from './extra-family.js';
import type { FamilySpec } from './family.js';

/** rubric_grading, English, extra-v3 judge / grader / reward-model styles (train side only). */
const f = xf('rg3', 'rubric_grading', 'en');

export const X3_RUBRIC_EN: FamilySpec[] = [
  f('binary-correct', [
    'Question: {yq}\nReference: {ya}\nCandidate: {yx}\nIs the candidate correct with respect to the reference? Output exactly one token: Y or N.',
    'Check the response against the ground truth. Reply YES if it is correct and NO otherwise, nothing else.\nQ: {yq}\nGround truth: {ya}\nResponse: {yx}',
    'correct? (yes/no)\nq: {yq}\ngold: {ya}\npred: {yx}',
    'Decide whether the predicted answer is semantically equivalent to the reference answer. Output 1 for equivalent, 0 otherwise.\n[Question] {yq}\n[Reference] {ya}\n[Prediction] {yx}',
    'You verify answers for our benchmark ({ydom} split). Given the key, mark the model answer CORRECT or WRONG. Ignore wording differences.\nItem: {yq}\nKey: {ya}\nModel answer: {yx}',
  ], 1.3),
  f('factuality', [
    'Here is a source document and a summary. List each claim in the summary, mark it SUPPORTED or NOT SUPPORTED, then output a factual-consistency score between 0 and 1.\nDocument: {ydoc}\nSummary: {ysumx}',
    'Does the response contain information that is not in the context? Answer "hallucinated" or "grounded".\nContext: {ydoc}\nResponse: {ysumx}',
    'Factuality grader: score 1 if every statement in the answer is true, 0.5 if there are minor errors, 0 if there are major errors. Output only the number.\nQuestion: {yq}\nAnswer: {yx}',
    'Given the passage, is the statement ENTAILED, NEUTRAL or CONTRADICTED? One word.\nPassage: {ydoc}\nStatement: {ysumx}',
    'Rate the faithfulness of the summary to the article on a 1-5 scale, where 1 means it contains invented or contradicting facts. Number only.\nArticle: {ydoc}\nSummary: {ysumx}',
  ], 1.2),
  f('checklist-pass-fail', [
    'Evaluate the response against each criterion and mark PASS or FAIL. Then give an overall verdict (PASS only if every criterion passes).\nCriteria:\n{ycheck}\n\nPrompt: {yq}\nResponse: {yx}',
    'Rubric items:\n{ycheck}\nFor each item output "item_<n>: pass|fail" and finish with "total_pass=<count>".\nTask: {yq}\nAnswer: {yx}',
    'Tick the checklist for this model output ([x] satisfied, [ ] not) and report the fraction satisfied as the score.\n{ycheck}\n---\nInput: {yq}\nOutput: {yx}',
    'Instruction-following grader. Constraints to verify:\n{ycheck}\nResponse to grade:\n{yx}\nReturn JSON {"constraints": [{"id": 1, "met": true}], "score": <0-1>}.',
  ], 1.2),
  f('pairwise-ties', [
    'Which of the two responses answers the question better? Output "A", "B", or "TIE" if they are equally good or equally bad.\nQuestion: {yq}\nResponse A: {ya}\nResponse B: {yb}',
    'Preference judgement, ties allowed. Respond with exactly one of: A>B, A<B, A=B.\nPrompt: {yq}\nA: {yb}\nB: {ya}',
    'Compare Response 1 and Response 2. If neither is clearly better, say tie. Format: {"preferred": "1" | "2" | "tie", "reason": "..."}\nUser: {yq}\nResponse 1: {ya}\nResponse 2: {yb}',
    'Side-by-side evaluation: rate the pair on a 7-point scale from -3 (A much better) to +3 (B much better), 0 = tie. Output the integer only.\nQuery: {yq}\n[A] {yb}\n[B] {ya}',
    'Two models answered the same {ydom} question. Choose the better answer or declare a draw; output WINNER: A, WINNER: B or DRAW.\nQ: {yq}\nA ({m1}): {ya}\nB ({m2}): {yb}',
  ], 1.3),
  f('reward-float', [
    'Return a reward for the assistant reply as a float between 0.0 and 1.0 with two decimals. No other text.\nPrompt: {yq}\nReply: {yx}',
    'You are the reward model for our PPO run. Output exactly: reward=<float>.\n<prompt>{yq}</prompt>\n<completion>{yx}</completion>',
    'Score the completion with a float from -5.0 to 5.0 (higher is better). Print only the number.\nInstruction: {yq}\nCompletion: {yx}',
    'Assign a scalar reward in [0, 1] to each candidate completion below and return the rewards as a JSON list in order.\nPrompt: {xq}\n{xrank}',
    'Act as a learned reward model. Read the exchange and output the logit of "good response" as a single real number.\nHuman: {yq}\nAssistant: {yx}',
  ], 1.2),
  f('multi-aspect-json', [
    'Return a JSON object with integer scores 1-10 for accuracy, depth, clarity, safety and style, plus "overall" (float) and "comment".\nQuestion: {yq}\nAnswer: {yx}',
    'Evaluate along {xcrits}. Output strictly {"scores": {"<aspect>": <1-5>}, "overall": <1-5>, "rationale": "<one sentence>"}.\nPrompt: {yq}\nResponse: {yx}',
    'Score each dimension and return YAML:\naccuracy: <1-5>\nrelevance: <1-5>\nclarity: <1-5>\nverdict: accept|reject\n\nTask: {yq}\nModel output: {yx}',
    'Fill in this evaluation form for the response and return it as JSON: {"relevance": _, "correctness": _, "completeness": _, "verdict": "accept" | "reject"}\nQuery: {yq}\nResponse: {yx}',
  ], 1.2),
  f('evaluator-system', [
    'System: You are an evaluator. Your only job is to judge the assistant response below against the user request and output a score from 1 to {hi}. Never answer the user request yourself.\n\n[User request]\n{yq}\n[Assistant response]\n{yx}',
    '### System\nYou are a meticulous evaluation model inside an automated benchmark. Read the task and the output, think briefly, and end with "Rating: <1-10>".\n### Task\n{yq}\n### Output\n{yx}',
    'You are an expert evaluator for the {ydom} section of a QA benchmark. Judge the model answer against the key and output "Score: <x>/5".\nQuestion: {yq}\nKey: {ya}\nModel answer: {yx}',
    '<|im_start|>system\nYou are a grading assistant. You output a verdict JSON and nothing else.<|im_end|>\n<|im_start|>user\nGrade this answer for correctness ({"verdict": "correct"|"incorrect", "confidence": 0-1}).\nQ: {yq}\nA: {yx}<|im_end|>',
    'Role: impartial evaluator. Input: a question, a reference and a candidate. Output: a score from 0 to 10 and one sentence of justification. Begin.\nQuestion: {yq}\nReference: {ya}\nCandidate: {yx}',
  ], 1.3),
  f('likert-anchored', [
    'Use this scale:\n1 - wrong or off-topic\n2 - mostly wrong\n3 - partly correct\n4 - correct with minor issues\n5 - fully correct and well explained\nScore the answer below and output only the number.\nQ: {yq}\nA: {yx}',
    'Scoring guide: 0 = no useful content, 1 = relevant but incorrect, 2 = correct but unsupported, 3 = correct and justified. Assign a score.\nQuestion: {yq}\nAnswer: {yx}',
    'Rate on a 7-point Likert scale how well the response follows the instruction (1 = not at all, 7 = perfectly). Respond with the digit.\nInstruction: {yq}\nResponse: {yx}',
    'Helpfulness anchors: 1 unhelpful, 3 somewhat helpful, 5 very helpful. Harmlessness anchors: 1 harmful, 5 harmless. Give both scores as "H=<n>, S=<n>".\nUser: {yq}\nAssistant: {yx}',
  ], 1.1),
  f('code-judge', [
    'You are judging a code submission. Predict whether it passes the hidden tests for the task. Output PASS or FAIL.\nTask: {ytask}\nCandidate:\n{ysol}',
    'Rate this code on correctness, efficiency and readability (0-10 each) and return JSON with those keys.\nTask: {ytask}\n{ysol}',
    'Review the solution as an automated grader: give a score out of 100 and list at most three deductions.\nProblem: {ytask}\nSubmission:\n{ysol}',
    'Code-review judge: is this implementation of "{ytask}" acceptable for merge? Output APPROVE or REJECT followed by a confidence between 0 and 1.\n{ysol}',
    'Grade the submission for the task "{xtask}" on a 1-5 scale (5 = correct and idiomatic). Output the digit only.\n{xsol}',
    'Is this a correct solution to "{xtask}"? Return a float between 0 and 1, where 1 means certainly correct.\n{xsol}',
    'Auto-grader for an intro programming course. Task: "{ytask}". Give 0-10 for correctness and 0-5 for style, as "correctness=<n> style=<n>".\n{ysol}',
  ]),
  f('batch-grading', [
    'Grade each of the following Q/A pairs as correct (1) or incorrect (0). Output a list of 0/1 in order, nothing else.\n{ybatch_graded}',
    'Score every answer below from 1 to 5 for correctness. Return a JSON array of integers, one per item.\n{ybatch_graded}',
    'Annotation batch: for each item write "<n>: CORRECT" or "<n>: INCORRECT".\n{ybatch_graded}',
    'Auto-grade this quiz sheet. For each numbered answer give points (0 or 1) and the total at the end.\n{ybatch_graded}',
  ], 1.1),
];
