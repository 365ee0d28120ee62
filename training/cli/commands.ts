/**
 * The training commands of the `distill-guard` CLI (train, eval, compare). They live in the
 * training tree because they run it; bin/distill-guard.js adds them to the service's CLI
 * (src/cli.ts), which never imports training code itself.
 */
import type { RegisterCommand } from '../../src/cli.js';
import { registerCompare } from './compare.js';
import { registerEval } from './eval.js';
import { registerTrain } from './train.js';

export const TRAINING_COMMANDS: readonly RegisterCommand[] = [registerTrain, registerEval, registerCompare];
