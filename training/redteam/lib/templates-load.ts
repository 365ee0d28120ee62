/** Loads real third-party judge and reasoning prompt templates (kept verbatim, filled at run time). */
import { rolesOf, type Role } from '../prompts/fill.js';
import { hasCjk, listFiles, readJsonl, readText, str, type Row } from './io.js';

export interface RealTemplate {
  id: string;
  lang: 'en' | 'zh';
  text: string;
  roles: Role[];
  /** slots: placeholders are filled; prefix: the question is appended after the template; gaokao: zh grading form. */
  mode: 'slots' | 'prefix' | 'gaokao';
}

function make(id: string, text: string, mode: RealTemplate['mode'] = 'slots'): RealTemplate | null {
  const roles = rolesOf(text);
  if (!roles) return null;
  return { id, lang: hasCjk(text) ? 'zh' : 'en', text, roles, mode };
}

const JUDGE_JSONL_DIRS = [
  'inspect_ai_model_graded',
  'jionlp_mellm_grading',
  'shieldlm_safety_judge',
  's1_prompts',
  'ragas_metric_prompts',
  'promptflow_eval_prompts',
  'deepeval_metric_templates',
  'evalscope_judge_prompts',
  'limo_prompts',
  'open_thoughts_prompts',
  'camel_cot_datagen',
];

export function loadJudgeTemplates(dir: string): RealTemplate[] {
  const out: (RealTemplate | null)[] = [];
  for (const r of readJsonl(dir, 'fastchat_llm_judge/judge_prompts.jsonl')) {
    out.push(make(`fastchat/${str(r.name)}`, `${str(r.system_prompt)}\n\n${str(r.prompt_template)}`));
  }
  const prom = JSON.parse(readText(dir, 'prometheus_eval/prompts.templates.json')) as Record<string, string>;
  for (const name of ['ABSOLUTE_PROMPT', 'ABSOLUTE_PROMPT_WO_REF', 'RELATIVE_PROMPT', 'RELATIVE_PROMPT_WO_REF']) {
    const sys = name.startsWith('ABS') ? prom.ABS_SYSTEM_PROMPT : prom.REL_SYSTEM_PROMPT;
    out.push(make(`prometheus/${name}`, `${sys ?? ''}\n\n${prom[name] ?? ''}`));
  }
  for (const sub of listFiles(dir, 'alpaca_eval_annotators')) {
    for (const f of listFiles(dir, `alpaca_eval_annotators/${sub}`)) {
      out.push(make(`alpaca_eval/${sub}/${f}`, readText(dir, `alpaca_eval_annotators/${sub}/${f}`)));
    }
  }
  for (const f of listFiles(dir, 'geval_prompts')) out.push(make(`geval/${f}`, readText(dir, `geval_prompts/${f}`)));
  const uf = JSON.parse(readText(dir, 'ultrafeedback_templates/preference_templates.templates.json')) as Record<
    string,
    string
  >;
  for (const [name, text] of Object.entries(uf)) {
    if (name !== 'system_prompt') out.push(make(`ultrafeedback/${name}`, `${uf.system_prompt ?? ''}\n\n${text}`));
  }
  for (const d of JUDGE_JSONL_DIRS) {
    for (const r of readJsonl(dir, `${d}/templates.jsonl`)) {
      if (!str(r.class_fit).startsWith('rubric_grading')) continue;
      out.push(make(str(r.family), str(r.text)));
    }
  }
  const hq = readJsonl(dir, 'halluqa_judge/templates.jsonl');
  const rules = hq.find((r) => str(r.name).includes('system_rules'));
  const user = hq.find((r) => str(r.name).includes('user_input'));
  if (rules && user) out.push(make('halluqa/judge', `${str(rules.text)}\n\n${str(user.text)}`));
  for (const r of readJsonl(dir, 'gaokao_bench/templates.jsonl')) {
    if (str(r.name).startsWith('Sub_Grade')) out.push(make(str(r.family), str(r.text), 'gaokao'));
  }
  // A judge must have something to judge.
  return out.filter((t): t is RealTemplate => t !== null && (t.mode === 'gaokao' || t.roles.includes('answer')));
}

const REASONING_DIRS = [
  'open_r1_prompts',
  'open_thoughts_prompts',
  'logic_rl_templates',
  'easyr1_format_prompts',
  'reasoning_teacher_prompts',
  'camel_cot_datagen',
];

export function loadReasoningTemplates(dir: string): RealTemplate[] {
  const out: RealTemplate[] = [];
  for (const d of REASONING_DIRS) {
    for (const r of readJsonl(dir, `${d}/templates.jsonl`) as Row[]) {
      if (!str(r.class_fit).startsWith('reasoning')) continue;
      const t = make(str(r.family), str(r.text));
      if (!t) continue;
      if (t.roles.length === 0) out.push({ ...t, mode: 'prefix' });
      else if (t.roles.every((x) => x === 'question' || x === 'context')) out.push(t);
    }
  }
  return out;
}
