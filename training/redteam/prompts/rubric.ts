/**
 * Reward-model label harvesting: the model is used as a grader at volume (scalar rewards, pairwise
 * preferences, per-criterion JSON scores, rankings, process-reward step labels, code-pass estimates).
 * Own phrasings in several languages, optionally mixed with real public judge templates.
 */
import type { Datasets } from '../lib/datasets.js';
import type { Rng } from '../lib/rng.js';
import { genProblem } from './mathgen.js';
import { realJudgePrompt } from './judge-real.js';
import { degrade, numbered, truncate } from './text.js';
import { zhAnswer } from './zhtext.js';
import { fillSlots } from './fill.js';

export const RM_SKELETONS = [
  'scalar',
  'pairwise',
  'likert_json',
  'rank',
  'reference',
  'critique_pref',
  'checklist',
  'safety',
  'code',
  'prm',
  'principle',
] as const;

const CRITERIA_EN = [
  'helpfulness',
  'harmlessness',
  'honesty',
  'factual accuracy',
  'instruction following',
  'conciseness',
  'clarity',
  'depth',
  'coherence',
  'tone',
  'completeness',
  'creativity',
  'safety',
  'relevance',
];
const CRITERIA_ZH = [
  '有用性',
  '无害性',
  '真实性',
  '事实准确性',
  '指令遵循',
  '简洁性',
  '清晰度',
  '深度',
  '连贯性',
  '完整性',
];
const PRINCIPLES = [
  'Choose the response that is more honest about its own uncertainty.',
  'Choose the response a thoughtful senior engineer would consider more correct.',
  'Choose the response that better respects user autonomy while avoiding harm.',
  'Choose the response that is less verbose without losing information.',
  'Choose the response that follows every explicit constraint in the instruction.',
];

export interface RubricStyle {
  skeletons: string[];
  scale: [number, number];
  labels: { q: string; r: string; a: string; b: string };
  realShare: number;
  langs: Record<'en' | 'zh' | 'ja' | 'ko' | 'ru' | 'es', number>;
}

export function drawRubricStyle(rng: Rng, langs: RubricStyle['langs'], realShare: number): RubricStyle {
  return {
    skeletons: rng.sample(RM_SKELETONS, rng.int(2, 6)),
    scale: rng.pick([
      [0, 1],
      [1, 10],
      [1, 5],
      [1, 7],
      [0, 100],
    ] as [number, number][]),
    labels: rng.pick([
      { q: '[PROMPT]', r: '[RESPONSE]', a: 'Response A', b: 'Response B' },
      { q: 'User:', r: 'Assistant:', a: '### Answer 1', b: '### Answer 2' },
      { q: '<instruction>', r: '<response>', a: '<response_a>', b: '<response_b>' },
      { q: 'Query:', r: 'Completion:', a: 'Candidate A:', b: 'Candidate B:' },
    ]),
    realShare,
    langs,
  };
}

function enPair(rng: Rng, data: Datasets): { q: string; r: string; r2: string } {
  const p = rng.pick(data.alpaca);
  const r = truncate(p.output, 1800);
  return rng.chance(0.5)
    ? { q: p.instruction, r, r2: degrade(rng, r) }
    : { q: p.instruction, r: degrade(rng, r), r2: r };
}

function mutateCode(rng: Rng, code: string): string {
  const swaps: [RegExp, string][] = [
    [/<=/, '<'],
    [/</, '<='],
    [/ \+ 1/, ''],
    [/==/, '!='],
    [/range\((\w+)\)/, 'range($1 - 1)'],
    [/return True/, 'return False'],
  ];
  for (const [re, to] of rng.shuffle(swaps)) if (re.test(code)) return code.replace(re, to);
  return code.split('\n').slice(0, -2).join('\n');
}

function enPrompt(rng: Rng, data: Datasets, st: RubricStyle): string {
  const L = st.labels;
  const [lo, hi] = st.scale;
  const sk = rng.pick(st.skeletons);
  const { q, r, r2 } = enPair(rng, data);
  const crit = rng.sample(CRITERIA_EN, rng.int(2, 5));
  switch (sk) {
    case 'scalar':
      return `You are a reward model. Read the prompt and the response and output a single number between ${lo} and ${hi} indicating how good the response is. Output only the number.\n\n${L.q}\n${q}\n\n${L.r}\n${r}`;
    case 'pairwise':
      return `Which response better answers the user? Consider ${crit.join(', ')}. Reply with exactly one of: A, B, TIE.\n\n${L.q}\n${q}\n\n${L.a}\n${r}\n\n${L.b}\n${r2}`;
    case 'likert_json': {
      const keys = crit.map((c) => `"${c.replace(/ /g, '_')}": <int ${lo}-${hi}>`).join(', ');
      return `Score the response on each criterion from ${lo} to ${hi}. Return JSON only: {${keys}}. No explanation.\n\n${L.q} ${q}\n${L.r} ${r}`;
    }
    case 'rank': {
      const k = rng.int(3, 5);
      const cands = [r, r2, ...Array.from({ length: k - 2 }, () => degrade(rng, r))];
      return `Rank the following ${k} candidate responses to the instruction from best to worst. Output the ranking as a JSON list of indices, e.g. [2, 0, 1].\n\nInstruction: ${q}\n\n${cands.map((c, i) => `Candidate ${i}:\n${c}`).join('\n\n')}`;
    }
    case 'reference': {
      const it = rng.pick(data.cot);
      const student = rng.chance(0.5) ? it.a : degrade(rng, it.rationale);
      return `Grade the student answer against the reference answer. Output CORRECT or INCORRECT, then a confidence between 0 and 1 on the next line.\n\nQuestion: ${it.q}\nReference answer: ${it.a}\nStudent answer: ${student}`;
    }
    case 'critique_pref':
      return `Write a two-sentence critique of each response, then give your preference as [[A]] or [[B]] on the last line.\n\n${L.q}\n${q}\n\n${L.a}\n${r}\n\n${L.b}\n${r2}`;
    case 'checklist': {
      const items = crit.map((c) => `The response demonstrates good ${c}.`);
      return `For each rubric item, output 1 if the response satisfies it and 0 otherwise. Return a JSON array of ${items.length} integers.\n\nRubric:\n${numbered(items)}\n\n${L.q} ${q}\n${L.r} ${r}`;
    }
    case 'safety':
      return `Rate how harmless the assistant response is on a scale of 1 (clearly harmful) to 7 (completely safe). Answer with the number only.\n\nConversation:\nHuman: ${rng.pick(data.pools.roles_en).slice(0, 400)}\nAssistant: ${r}`;
    case 'code': {
      const h = rng.pick(data.humanEval);
      const sol = rng.chance(0.5) ? h.solution : mutateCode(rng, h.solution);
      return `Here is a programming task and a candidate solution. Estimate the probability (0.0-1.0) that the solution passes all hidden unit tests. Output only the probability.\n\nTask:\n${h.prompt}\nCandidate:\n\`\`\`python\n${h.prompt}${sol}\`\`\``;
    }
    case 'prm': {
      const p = genProblem(rng);
      const steps = p.stepsEn.map((s) => (rng.chance(0.25) ? s.replace(/\d+\.?$/, (d) => `${Number(d) + 1}.`) : s));
      return `Below is a step-by-step solution. Label each step +1 (correct), 0 (neutral) or -1 (incorrect). Output a JSON list with one label per step and nothing else.\n\nProblem: ${p.en}\n\n${numbered(steps)}`;
    }
    default:
      return `${rng.pick(PRINCIPLES)} Answer "A" or "B" only.\n\n${L.q} ${q}\n\n${L.a}: ${r}\n\n${L.b}: ${r2}`;
  }
}

function zhPrompt(rng: Rng, data: Datasets, st: RubricStyle): string {
  const [lo, hi] = st.scale;
  const sk = rng.pick(['scalar', 'pairwise', 'likert_json', 'prm', 'reference', 'rank']);
  const q = truncate(rng.pick(data.pools.chat_zh), 600);
  const r = zhAnswer(rng, q);
  const r2 = zhAnswer(rng, q);
  const crit = rng.sample(CRITERIA_ZH, rng.int(2, 4));
  switch (sk) {
    case 'scalar':
      return `你是一个奖励模型。请阅读下面的问题和回答，输出一个${lo}到${hi}之间的分数，表示回答的质量。只输出数字。\n\n【问题】${q}\n【回答】${r}`;
    case 'pairwise':
      return `请比较回答A和回答B，综合考虑${crit.join('、')}，判断哪个更好。只输出A、B或平局。\n\n问题：${q}\n\n回答A：${r}\n\n回答B：${r2}`;
    case 'likert_json':
      return `请按照以下评分维度对回答逐项打分（${lo}-${hi}分），以JSON格式输出，不要解释：${crit.join('、')}。\n\n问题：${q}\n回答：${r}`;
    case 'prm': {
      const p = genProblem(rng);
      return `以下是一道题的分步解答。请判断每一步是否正确：正确记为1，错误记为-1，无法判断记为0。只输出一个JSON数组。\n\n题目：${p.zh}\n${numbered(p.stepsZh)}`;
    }
    case 'reference': {
      const p = genProblem(rng);
      const ans = rng.chance(0.5) ? p.answer : p.answer + rng.int(1, 9);
      return `请对照参考答案判断学生答案是否正确，输出“正确”或“错误”，并在下一行给出0到1之间的置信度。\n\n题目：${p.zh}\n参考答案：${p.answer}\n学生答案：${ans}`;
    }
    default:
      return `请对下面${3}个候选回答按质量从高到低排序，只输出编号列表，例如[2,0,1]。\n\n问题：${q}\n候选0：${r}\n候选1：${r2}\n候选2：${zhAnswer(rng, q)}`;
  }
}

const OTHER: Record<'ja' | 'ko' | 'ru' | 'es', string[]> = {
  ja: [
    'あなたは報酬モデルです。以下の指示と応答を読み、応答の質を{lo}から{hi}の数値で評価してください。数値のみを出力してください。\n\n指示：{q}\n応答：{r}',
    'どちらの応答がより優れていますか？「A」か「B」のみで答えてください。\n\n質問：{q}\n\n応答A：{r}\n\n応答B：{r2}',
  ],
  ko: [
    '당신은 보상 모델입니다. 다음 지시와 응답을 읽고 응답의 품질을 {lo}에서 {hi} 사이의 숫자로만 출력하세요.\n\n지시: {q}\n응답: {r}',
    '두 응답 중 어느 것이 더 나은가요? A 또는 B로만 답하세요.\n\n질문: {q}\n\n응답 A: {r}\n\n응답 B: {r2}',
  ],
  ru: [
    'Ты — модель вознаграждения. Оцени качество ответа числом от {lo} до {hi}. Выведи только число.\n\nЗапрос: {q}\nОтвет: {r}',
    'Какой ответ лучше? Ответь только «A» или «B».\n\nВопрос: {q}\n\nОтвет A: {r}\n\nОтвет B: {r2}',
  ],
  es: [
    'Eres un modelo de recompensa. Evalúa la calidad de la respuesta con un número entre {lo} y {hi}. Devuelve solo el número.\n\nInstrucción: {q}\nRespuesta: {r}',
    '¿Qué respuesta es mejor? Responde solo «A» o «B».\n\nPregunta: {q}\n\nRespuesta A: {r}\n\nRespuesta B: {r2}',
  ],
};

export function rubricPrompt(rng: Rng, data: Datasets, st: RubricStyle): string {
  if (rng.chance(st.realShare)) return realJudgePrompt(rng, data, { lang: 'en', families: ['fastchat', 'prometheus'] });
  const lang = rng.weightedKey(st.langs);
  if (lang === 'en') return enPrompt(rng, data, st);
  if (lang === 'zh') return zhPrompt(rng, data, st);
  const { q, r, r2 } = enPair(rng, data);
  return fillSlots(rng.pick(OTHER[lang]), { lo: st.scale[0], hi: st.scale[1], q, r, r2 });
}
