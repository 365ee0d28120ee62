import { xf } from './extra-family.js';
import type { FamilySpec } from './family.js';

/** rubric_grading, English, extra phrasings (train side only). */
const f = xf('rg', 'rubric_grading', 'en');

export const X_RUBRIC_EN: FamilySpec[] = [
  f(
    'pointwise',
    [
      'Score the response below on a {xscale} scale for {xcrit}. Output the score only.\nPrompt: {xq}\nResponse: {xb}',
      'Rate this answer from 1 to 5 (5 = excellent). Reply with a single digit.\nQ: {xq}\nA: {xa}',
      'Give the following model output a grade (A, B, C, D or F) and one sentence of justification.\nInstruction: {xq}\nOutput: {xb}',
      'On a scale of 0-100, how good is this response? Number only.\n[Question] {xq}\n[Response] {xa}',
      'How would you score this reply out of 10? Consider {xcrits}. Format: "Score: N/10".\n{xq}\n---\n{xb}',
    ],
    1.4,
  ),
  f(
    'pairwise',
    [
      'Which response is better, A or B? Answer with one letter.\nQuestion: {xq}\nA: {xa}\nB: {xb}',
      'Compare the two candidate answers and state your preference ("A", "B" or "tie"), then a short reason.\nPrompt: {xq}\nCandidate A: {xb}\nCandidate B: {xa}',
      'You will see two assistant replies to the same user message. Pick the one a careful human rater would prefer. Output JSON {"winner": "A"|"B", "confidence": 0-1}.\nUser: {xq}\nReply A: {xa}\nReply B: {xb}',
      'Pairwise preference annotation. Prompt: {xq}\nLeft: {xb}\nRight: {xa}\nWhich side wins? Output LEFT or RIGHT.',
    ],
    1.3,
  ),
  f(
    'ranking',
    [
      'Rank the following responses from best to worst for the question "{xq}". Output the ranking as a list of numbers.\n{xrank}',
      'Order these candidate answers by quality (best first) and give each a score out of 10.\nQuestion: {xq}\n{xrank}',
      'You are ranking {xk} outputs for a leaderboard. Return only the permutation, e.g. [2, 1, 3].\nTask: {xq}\n{xrank}',
    ],
    1.1,
  ),
  f(
    'reference-based',
    [
      'Compare the submission to the expert answer. Is the submission correct? Answer Y or N.\nQuestion: {xq}\nExpert answer: {xa}\nSubmission: {xb}',
      'Grade the student answer against the reference. Output CORRECT, PARTIALLY_CORRECT or INCORRECT.\nQ: {xq}\nReference: {xa}\nStudent: {xb}',
      'Does the model answer match the gold answer in meaning? Reply with true or false only.\nquestion: {xq}\ngold: {xa}\nmodel: {xb}',
      'Reference-guided grading. Problem: {problem}\nReference solution: {final}\nCandidate: {final}\nScore 1 if equivalent, else 0.',
    ],
    1.3,
  ),
  f(
    'criteria-json',
    [
      'Evaluate the response on {xcrits}. Return JSON mapping each criterion to an integer 1-5 and add an "overall" field.\nPrompt: {xq}\nResponse: {xa}',
      'Score helpfulness, harmlessness and honesty (1-10 each) for the assistant turn below. Output only {"helpfulness": x, "harmlessness": y, "honesty": z}.\nUser: {xq}\nAssistant: {xb}',
      'Multi-aspect evaluation. Aspects: {xcrits}. For each aspect give a score and a one-line rationale, as a JSON list.\nQuery: {xq}\nAnswer: {xa}',
    ],
    1.2,
  ),
  f('summary-eval', [
    'Evaluate the summary for consistency with the source (1-5). Only output the number.\nSource: {xdoc}\nSummary: {xsum}',
    'Rate this summary on coherence, consistency, fluency and relevance, each 1-5.\nArticle: {xdoc}\nSummary: {xsum}',
    'Is every claim in the summary supported by the document? Answer "faithful" or "unfaithful" and give a score 0-1.\nDocument: {xdoc}\nSummary: {xsum}',
  ]),
  f('code-grading', [
    'Grade this solution to "{xtask}" from 0 to 10 for correctness and style. Output the score first.\n{xsol}',
    'You are an automatic code grader. Task: {xtask}\nSubmission:\n{xsol}\nReturn {"passes": true|false, "score": 0-100, "issues": [...]}.',
    'Two candidate solutions were submitted for "{xtask}". Candidate 1:\n{xsol}\nCandidate 2:\n{code}\nWhich is better? Reply 1 or 2.',
  ]),
  f(
    'reward-model',
    [
      'Act as a reward model. Output a single scalar reward in [-1, 1] for the response.\nPrompt: {xq}\nResponse: {xb}',
      'You are a preference model. Return P(response A preferred over response B) as a float.\nPrompt: {xq}\nA: {xa}\nB: {xb}',
      'Behave like an RLHF reward model: read the conversation and emit reward=<float between 0 and 1>.\nHuman: {xq}\nAssistant: {xa}',
    ],
    1.2,
  ),
  f('critique-then-score', [
    'First write a brief critique of the response, then give a final score from 1 to 10 in the form [[score]].\nQuestion: {xq}\nResponse: {xb}',
    'Critique the answer step by step against the rubric ({xcrits}), then output "Final verdict: X/5".\nQ: {xq}\nA: {xa}',
    'Identify errors in the model answer, then assign a grade. Question: {xq}\nModel answer: {xb}\nFormat: Critique: ... Grade: ...',
  ]),
  f('checklist', [
    'Go through this checklist for the response and mark each item PASS/FAIL, then output the pass count.\n1. Answers the question\n2. Factually correct\n3. No unnecessary content\nQuestion: {xq}\nResponse: {xb}',
    'Checklist grading: [ ] correct answer [ ] explains why [ ] concise. Tick each box for this output and return the total (0-3).\nQ: {xq}\nOutput: {xa}',
  ]),
  f(
    'judge-persona',
    [
      'You are an impartial judge for a chatbot arena. Evaluate {m1} vs {m2} on this prompt and output [[A]], [[B]] or [[C]] for a tie.\nPrompt: {xq}\n{m1}: {xa}\n{m2}: {xb}',
      'As an expert evaluator for our eval harness, assign a quality score to the model output (1-{hi}). Respond with the number only.\nInput: {xq}\nOutput: {xb}',
      'Please act as a strict grader. Our annotation guidelines: 5 = perfect, 3 = partly correct, 1 = wrong. Label this item.\nQuestion: {xq}\nAnswer: {xa}',
    ],
    1.2,
  ),
];
