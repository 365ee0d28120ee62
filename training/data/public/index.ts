import { csvObjects } from '../io.js';
import type { LoadCtx, PublicDraft } from './common.js';
import { loadAwesome } from './awesome.js';
import {
  loadAlpacaEvalSet,
  loadDeccp,
  loadFastChatQuestions,
  loadGsm8k,
  loadHumanEval,
  loadPromptfoo,
  loadSelfInstruct,
} from './benign.js';
import { flanRows, loadFlan, loadStar } from './flan-star.js';
import { loadAlpacaAnnotators, loadFastChatJudges, loadPrometheus } from './judges-train.js';
import { loadGEval, loadJudgeLM, loadOpenAIEvals, loadUltraFeedback } from './judges-test.js';
import { loadSkyThought } from './skythought.js';

/** Loads every public source in a fixed order. */
export function loadPublic(ctx: LoadCtx): PublicDraft[] {
  const rows = flanRows(ctx);
  const promptfoo = csvObjects(ctx.reader.text('promptfoo_ccp_sensitive/tests.csv'));
  return [
    ...loadFastChatJudges(ctx),
    ...loadPrometheus(ctx),
    ...loadAlpacaAnnotators(ctx),
    ...loadOpenAIEvals(ctx),
    ...loadGEval(ctx),
    ...loadUltraFeedback(ctx),
    ...loadJudgeLM(ctx),
    ...loadSkyThought(ctx),
    ...loadFlan(ctx, rows),
    ...loadStar(ctx, rows),
    ...loadSelfInstruct(ctx),
    ...loadAlpacaEvalSet(ctx),
    ...loadAwesome(ctx),
    ...loadFastChatQuestions(ctx),
    ...loadHumanEval(ctx),
    ...loadGsm8k(ctx),
    ...loadDeccp(ctx),
    ...loadPromptfoo(ctx, promptfoo),
  ];
}

export type { LoadCtx, PublicDraft } from './common.js';
