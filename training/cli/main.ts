/** The whole CLI run from source, training commands included: `npx tsx training/cli/main.ts train …` (as bin/distill-guard.js does from the build). */
import { main } from '../../src/cli.js';
import { TRAINING_COMMANDS } from './commands.js';

process.exitCode = await main(process.argv, {}, TRAINING_COMMANDS);
