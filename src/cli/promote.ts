import os from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadEnv } from '../env.js';
import { publishModelEvent } from '../features/lifecycle/model-events.js';
import { DEFAULT_TOLERANCE, describeRegressions } from '../features/lifecycle/promotion-gate.js';
import { promote, PromotionRefusedError } from '../features/lifecycle/promote.js';
import { pingRedis, connectRedis, redactUrl } from '../redis/connect.js';
import type { CliContext } from './context.js';

const HELP = `
Makes VERSION the live prompt head: checks it against the live version on the evaluation set
(F1 per attack label on the whole test set and per language, PR-AUC per label, false-positive
rate per hard-negative source) and on real prompts of held-out sources when both versions were
evaluated on them (real user prompts flagged overall, per language and per length bucket;
distillation recall; judge F1), and refuses when any of them is worse by more than the tolerance.
Both versions must have been evaluated (distill-guard eval --model VERSION).

On success current.json is updated, the promotion is appended to models/promotions.jsonl and to
the version's promotions.jsonl, and a "promoted" event is published on Redis (REDIS_URL,
MODEL_CHANNEL) so running servers swap to the new version between micro-batches.

Exit codes: 0 promoted (or already live), 3 refused by the gate, 1 other errors.

Examples:
  $ distill-guard promote head-0123456789
  $ distill-guard promote head-0123456789 --tolerance 0.02
  $ distill-guard promote head-0123456789 --force --reason "zh rubric recall drop accepted: new jailbreak family"
`;

function tolerance(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number between 0 and 1');
  return n;
}

export function registerPromote(program: Command, ctx: CliContext): void {
  program
    .command('promote')
    .description('Make a trained and evaluated head version live, unless it is worse than the live one.')
    .argument('<version>', 'version directory name, e.g. head-0123456789')
    .option('--tolerance <x>', 'largest allowed drop of any gated metric', tolerance, DEFAULT_TOLERANCE)
    .option('--force', 'promote even when the gate refuses (needs --reason)')
    .option('--reason <text>', 'why a refused version ships anyway (recorded)')
    .addHelpText('after', HELP)
    .action((version: string, opts: PromoteCliOptions) => runPromotion(ctx, version, opts));
}

export interface PromoteCliOptions {
  tolerance: number;
  force?: boolean;
  reason?: string;
}

/** Promotes through the gate and announces it; sets ctx.exitCode (3 when refused). Shared with `train --promote`. */
export async function runPromotion(ctx: CliContext, version: string, opts: PromoteCliOptions): Promise<void> {
  const env = loadEnv(ctx.env);
  const log = (m: string) => ctx.stderr.write(`${m}\n`);
  if (opts.force && (opts.reason ?? '').trim() === '') {
    log('--force needs --reason "why this version ships anyway" (the reason is recorded)');
    ctx.exitCode = 2;
    return;
  }
  const redisUp = env.REDIS_CLUSTER_NODES !== undefined || (await pingRedis(env.REDIS_URL));
  const redis = redisUp ? await connectRedis(env.REDIS_URL, env.REDIS_CLUSTER_NODES) : undefined;
  try {
    const result = await promote({
      modelsDir: env.DISTILL_GUARD_MODELS_DIR,
      version,
      tolerance: opts.tolerance,
      by: ctx.env['USER'] ?? os.userInfo().username,
      ...(opts.force ? { force: true } : {}),
      ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
      ...(redis ? { publish: (event) => publishModelEvent(redis, env.MODEL_CHANNEL, event) } : {}),
    });
    if (result.status === 'unchanged') {
      log(`${version} is already the current version`);
    } else {
      const { record, gate, notified } = result;
      if (record.forced && (record.regressions.length > 0 || record.gateSkipped)) {
        log(`forced past the gate (reason: ${record.reason}):`);
        if (gate && !gate.passed) log(describeRegressions(gate));
        if (record.gateSkipped) log(`  ${record.gateSkipped}`);
      } else if (gate) log(`gate passed: ${gate.checks.length} checks within tolerance ${gate.tolerance}`);
      log(`promoted ${version} (previous: ${record.previous ?? 'none'})`);
      if (notified === null)
        log(
          `warning: no Redis at ${redactUrl(env.REDIS_URL)}; running services were not told and switch at their next start`,
        );
      else log(`announced on ${env.MODEL_CHANNEL}: ${notified} subscriber(s)`);
    }
    ctx.stdout.write(`${version}\n`);
  } catch (err) {
    if (!(err instanceof PromotionRefusedError)) throw err;
    log(err.message);
    if (err.gate) log('override with --force --reason "..." if this is intended');
    ctx.exitCode = 3;
  } finally {
    await redis?.quit();
  }
}
