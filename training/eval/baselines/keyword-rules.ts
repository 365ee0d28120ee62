/**
 * Baseline: the keyword/regex rule set a team might write instead of a model. Each label has
 * a handful of English and Chinese patterns; the first label whose pattern matches wins.
 */
import type { AttackLabel } from '../../../src/labels.js';

const RULES: Record<AttackLabel, RegExp[]> = {
  reasoning_trace_extraction: [
    /\b(chain[- ]of[- ]thought|reasoning (trace|process)|thought process|<think>)\b/i,
    /\b(reveal|show|dump|write out|reconstruct)\b.{0,40}\b(reasoning|thinking|thoughts)\b/i,
    /\bgiven (the )?(final )?answer\b.{0,80}\b(explain|reasoning|rationale)\b/i,
    /(思维链|推理过程|思考过程|完整的推理|隐藏的推理)/,
  ],
  rubric_grading: [
    /\b(act as|you are) (an? )?(impartial )?(judge|grader|evaluator|reward model)\b/i,
    /\b(rate|score|grade)\b.{0,60}\b(on a scale|from 1 to|out of 10|1-10|1 to 5)\b/i,
    /\b(which (response|answer|assistant) is better|\[\[a\]\]|\[\[b\]\])/i,
    /(评分|打分|评判|裁判|奖励模型|哪个回答更好)/,
  ],
  censorship_rewrite: [
    /\b(rewrite|revise|rephrase)\b.{0,80}\b(comply|compliant|censor|sensitive|approved|core socialist values)\b/i,
    /\b(tiananmen|xinjiang|tibet|falun gong|dalai lama)\b.{0,80}\b(rewrite|deflect|change the subject|safe (reply|answer))\b/i,
    /(改写|重写).{0,30}(合规|敏感|审查|正能量|社会主义核心价值观)/,
    /(转移话题|回避|符合.{0,10}(规定|要求|口径))/,
  ],
};

export function keywordRules(text: string): AttackLabel | 'benign' {
  for (const [label, patterns] of Object.entries(RULES) as [AttackLabel, RegExp[]][]) {
    if (patterns.some((p) => p.test(text))) return label;
  }
  return 'benign';
}
