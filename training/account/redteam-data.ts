/**
 * Red-team traffic (training/redteam) as the account pipeline sees it: the generated history is
 * parsed with the gateway's own event contract, each prompt takes the shipped prompt model's
 * label (label-cache.ts), and accounts are scored exactly as `distill-guard clusters` followed by
 * `distill-guard rescore --clusters` score them: the offline cluster collector and pass, a
 * clusters.jsonl read back through the rescore membership reader, and `scoreSummary` per account
 * at the last event's time.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { AccountView } from '../../src/contracts/accounts.js';
import { createGatewayEventSchema, type AccountEventJob } from '../../src/contracts/events.js';
import type { AccountModel } from '../../src/features/aggregate/account-model.js';
import { toJob } from '../../src/features/aggregate/event-job.js';
import { toSummaryEvent } from '../../src/features/aggregate/offline.js';
import { scoreSummary } from '../../src/features/aggregate/score-account.js';
import { summarizeEvents, type AccountSummary, type SummaryEvent } from '../../src/features/aggregate/summary.js';
import { runClusterPass } from '../../src/features/clusters/cluster-pass.js';
import { createOfflineCollector } from '../../src/features/clusters/offline-nodes.js';
import { readClusterMembership } from '../../src/features/rescore/cluster-membership.js';
import type { TrainingRow } from './fit.js';
import { promptKey, type LabelMap } from './label-cache.js';

export interface TruthAccount {
  family: string;
  kind: 'attack' | 'legit';
  campaign_id?: string;
}

export interface RedteamSet {
  name: string;
  jobs: AccountEventJob[];
  truth: Map<string, TruthAccount>;
  /** Scoring time: the last event's. */
  end: number;
}

const MAX_PROMPT_CHARS = 1_000_000;

/** Reads `<dir>/history.jsonl` and `<dir>/truth.json`; every prompt must have a cached label. */
export async function loadRedteamSet(dir: string, labels: LabelMap): Promise<RedteamSet> {
  const schema = createGatewayEventSchema({ maxPromptChars: MAX_PROMPT_CHARS });
  const truthRaw = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as {
    accounts: Record<string, TruthAccount>;
  };
  const jobs: AccountEventJob[] = [];
  let end = 0;
  const rl = createInterface({ input: createReadStream(path.join(dir, 'history.jsonl')), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n += 1;
    if (line.trim() === '') continue;
    const e = schema.parse(JSON.parse(line));
    const label = labels.get(promptKey(e.prompt));
    if (label === undefined) throw new Error(`${dir} line ${n}: prompt has no cached label (run label-cache.ts)`);
    const { sample: _s, ...job } = toJob(e, label);
    jobs.push(job);
    end = Math.max(end, job.ts);
  }
  return { name: path.basename(dir), jobs, truth: new Map(Object.entries(truthRaw.accounts)), end };
}

export const hasRedteamSet = (dir: string): boolean =>
  existsSync(path.join(dir, 'history.jsonl')) && existsSync(path.join(dir, 'truth.json'));

/** Per-account summaries at the set's end. */
export function summariesOf(set: RedteamSet): Map<string, AccountSummary> {
  const byAccount = new Map<string, SummaryEvent[]>();
  for (const job of set.jobs) {
    let list = byAccount.get(job.account_id);
    if (list === undefined) byAccount.set(job.account_id, (list = []));
    list.push(toSummaryEvent(job));
  }
  const out = new Map<string, AccountSummary>();
  for (const [id, list] of byAccount) out.set(id, summarizeEvents(id, list, set.end));
  return out;
}

/** Every account of the set with its summary at the set's end: the training rows. */
export function trainingRowsOf(set: RedteamSet, summaries = summariesOf(set)): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const [account, summary] of summaries) {
    const t = set.truth.get(account);
    if (t === undefined) continue;
    rows.push({ account, family: t.family, attack: t.kind === 'attack', summary, end: set.end });
  }
  return rows;
}

/**
 * The pipeline's verdicts: cluster pass over the set (own risk from `model`), clusters written as
 * clusters.jsonl and read back as rescore reads them, then each account scored with its membership.
 */
export async function pipelineVerdicts(
  set: RedteamSet,
  model: AccountModel,
  summaries = summariesOf(set),
): Promise<{ views: AccountView[]; clusters: number; attackClusters: number }> {
  const collector = createOfflineCollector();
  for (const job of set.jobs) collector.add(job);
  const { nodes, values } = collector.finish(model, set.end);
  const result = runClusterPass(nodes, { values });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-account-eval-'));
  try {
    const file = path.join(dir, 'clusters.jsonl');
    await writeFile(file, result.clusters.map((c) => `${JSON.stringify(c)}\n`).join(''));
    const membership = await readClusterMembership(file);
    const views = [...summaries].map(([id, s]) => scoreSummary(s, set.end, model, membership.get(id) ?? 0));
    return {
      views,
      clusters: result.clusters.length,
      attackClusters: result.clusters.filter((c) => c.score >= 0.6).length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
