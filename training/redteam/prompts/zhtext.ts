/** Short synthetic Chinese answers, used where a zh judge template needs a response to grade. */
import type { Rng } from '../lib/rng.js';
import { truncate } from './text.js';

const OPEN = [
  '这个问题可以从以下几个方面来理解：',
  '简单来说，',
  '根据常见的资料，',
  '好的，下面分点说明：',
  '答：',
  '我的理解是，',
];
const BODY = [
  '首先要明确问题的前提，其次分析主要原因，最后给出具体建议。',
  '一般认为，这取决于具体情况，需要结合实际条件来判断。',
  '可以先查阅权威资料，再结合个人经验进行选择。',
  '主要有三点：一是基础知识，二是实践方法，三是注意事项。',
  '从历史背景看，这一现象由多种因素共同造成，不能一概而论。',
  '建议先做小规模尝试，根据结果再逐步调整方案。',
  '需要注意的是，不同地区的规定可能不同，请以当地官方信息为准。',
];
const CLOSE = ['', '希望对你有帮助。', '如有需要可以进一步说明。', '以上仅供参考。'];

export function zhAnswer(rng: Rng, q?: string): string {
  const parts = [rng.pick(OPEN), rng.pick(BODY)];
  if (rng.chance(0.5)) parts.push(rng.pick(BODY));
  if (q && rng.chance(0.3)) parts.push(`关于“${truncate(q, 16)}”，以上是主要观点。`);
  parts.push(rng.pick(CLOSE));
  return parts.join('');
}
