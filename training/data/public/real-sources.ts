/**
 * The real-prompt bundle (SOURCES.md, "Real-prompt bundle"): which split each of its sources goes
 * to, whole. A source is one directory under the public datasets: its templates and its prompts
 * never straddle two splits, so every figure on `val` or `test` is on sources the fitted paths
 * never saw.
 *
 * - `train`: fitted (train split only; never val, calib or test).
 * - `val`: validation only: thresholds and the window calibration are chosen on it.
 * - `test`: the report only, never a decision.
 *
 * Templates whose `class_fit` reads "weak" (an ordinary step-by-step request, distillation only by
 * context or volume) carry no label the prompt alone can support: they are left out everywhere
 * (so is `reasoning_teacher_prompts`, whose templates are all weak).
 *
 * Reserved for independent evaluation and never loaded (issue list): arena-hard-auto, AlignBench,
 * BELLE, Auto-J, ChatGLM-Math, MT-Bench-101, Ape210k, OpenCompass, CoT-Collection, Orca/OpenOrca,
 * LLMBar, reward-bench, SCOTT, simple-evals, NeMo-Skills, CritiqueLLM, WildBench, PandaLM, deita,
 * data-juicer, MetaGPT. None of them is a directory of the bundle; `RESERVED_SOURCE_PATTERN` is
 * checked against every source and template path by test/real-bundle.test.ts.
 */
export type RealSplit = 'train' | 'val' | 'test';

export const REAL_SOURCE_SPLITS: Readonly<Record<string, RealSplit>> = {
  // Benign prompts: competitive programming (en + zh), translated ShareGPT, Chinese test prompts.
  leetcode_doocs: 'train',
  sharegpt_zh_medicalgpt: 'train',
  chinese_llama_alpaca_examples: 'train',
  // Judge templates, CoT-harvest templates and pipeline steps.
  deepeval_metric_templates: 'train',
  promptflow_eval_prompts: 'train',
  evalscope_judge_prompts: 'train',
  shieldlm_safety_judge: 'train',
  uhgeval_judge_prompts: 'train',
  metamath_generation_prompts: 'train',
  promptsource_explanation_templates: 'train',
  camel_cot_datagen: 'train',
  // Validation: long coding statements (en), short Chinese questions, Chinese math, long
  // Chinese articles; judges in both languages; R1-Zero think templates.
  exercism_python: 'val',
  halluqa_judge: 'val',
  limo_prompts: 'val',
  jionlp_mellm_grading: 'val',
  ragas_metric_prompts: 'val',
  s1_prompts: 'val',
  tinyzero_templates: 'val',
  easyr1_format_prompts: 'val',
  // Test: exam questions (zh + en, many long), data-analysis tasks over tables; judges of
  // other frameworks (en) and GAOKAO teacher grading (zh); distillation system prompts and
  // R1-Zero templates of other projects.
  gaokao_bench: 'test',
  infiagent_dabench: 'test',
  trulens_feedback_prompts: 'test',
  inspect_ai_model_graded: 'test',
  open_r1_prompts: 'test',
  open_thoughts_prompts: 'test',
  logic_rl_templates: 'test',
  open_reasoner_zero_templates: 'test',
};

export const RESERVED_SOURCE_PATTERN =
  /arena-?hard|alignbench|\bbelle\b|\bauto-?j\b|chatglm-?math|mt-?bench-?101|ape210k|opencompass|cot-?collection|\b(open)?orca\b|llmbar|reward-?bench|\bscott\b|consistent-?cot|simple-?evals|nemo-?skills|critiquellm|wildbench|pandalm|\bdeita\b|data-?juicer|metagpt/i;

/** Sources of the bundle (directory names), in load order. */
export const REAL_SOURCES: readonly string[] = Object.keys(REAL_SOURCE_SPLITS);

/** Per-source cap on benign prompts taken (a seeded sample; the rest is left out and counted). */
export const REAL_PROMPT_CAP: Readonly<Record<string, number>> = {
  leetcode_doocs: 600,
  gaokao_bench: 1400,
  sharegpt_zh_medicalgpt: 400,
};
