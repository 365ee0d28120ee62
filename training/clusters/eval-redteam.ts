/**
 * Cluster quality on red-team traffic (training/redteam): for every coordinated campaign, the
 * share of its accounts in one cluster and that cluster's purity; legitimate accounts inside
 * attack clusters, per family. Own risk from the shipped account model. Prompt labels:
 *   --labels full     the shipped prompt classifier (encoder + head; slow on a loaded machine)
 *   --labels lexical  the shipped head's lexical path alone with the head's decision thresholds
 *                     (fast, ~600 prompts/s; a proxy for the full model's labels)
 * cached next to the history as jobs.<labels>.jsonl, so later runs only rerun the pass.
 *
 *   npx tsx training/clusters/eval-redteam.ts --dir /tmp/redteam-1 [--dir /tmp/redteam-2] [--labels lexical] [--json]
 */
import { createReadStream, existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AccountEventJob } from '../../src/contracts/events.js';
import { DEFAULT_MODELS_DIR } from '../../src/env.js';
import { loadAccountModel } from '../../src/features/aggregate/account-model.js';
import { readHistoryJobs } from '../../src/features/aggregate/offline.js';
import { runClusterPass } from '../../src/features/clusters/cluster-pass.js';
import { evaluateClusters } from '../../src/features/clusters/evaluate.js';
import { createOfflineCollector } from '../../src/features/clusters/offline-nodes.js';
import { DEFAULT_CLUSTER_PARAMS } from '../../src/features/clusters/params.js';
import type { TruthEntry } from '../../src/features/simulate/simulate.js';
import { disposeModels, loadClassifier } from '../../src/models/registry.js';
import { lexicalProbabilities } from '../../src/models/heads/prescreen.js';
import { hanShare, lexicalFeatures } from '../../src/models/lexical-features.js';
import type { PromptClassifier } from '../../src/models/prompt-classifier.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', multiple: true, default: [] },
    labels: { type: 'string', default: 'lexical' },
    json: { type: 'boolean', default: false },
  },
});

interface RedteamTruth {
  accounts: Record<string, { family: string; kind: string; campaign_id: string | null }>;
}

/** The head's lexical path alone, decided with the head's own thresholds. */
async function lexicalClassifier(): Promise<PromptClassifier> {
  const full = await loadClassifier({ modelsDir: DEFAULT_MODELS_DIR });
  const head = full.head;
  if (head.prescreen === undefined) throw new Error('the shipped head has no lexical pre-screen stacker');
  const pre = head.prescreen;
  return {
    version: `${full.version}-lexical`,
    classify: (prompts: readonly string[]) =>
      Promise.resolve(
        prompts.map((p) => ({
          ...full.decide(
            lexicalProbabilities(pre, head.lexical.forward(lexicalFeatures(p, head.meta.lexical)), hanShare(p)),
            p,
          ),
          ...full.language(p),
        })),
      ),
  };
}

async function labelledJobs(dir: string): Promise<AccountEventJob[]> {
  const cache = join(dir, `jobs.${values.labels}.jsonl`);
  if (existsSync(cache)) {
    const text = await readFile(cache, 'utf8');
    return text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => AccountEventJob.parse(JSON.parse(l)));
  }
  const jobs: AccountEventJob[] = [];
  await readHistoryJobs(createReadStream(join(dir, 'history.jsonl')), {
    maxPromptChars: 32_768,
    classifier: () =>
      values.labels === 'full' ? loadClassifier({ modelsDir: DEFAULT_MODELS_DIR }) : lexicalClassifier(),
    onJob: (job) => {
      const { sample: _s, ...rest } = job;
      jobs.push(rest);
    },
  });
  await writeFile(cache, jobs.map((j) => JSON.stringify(j)).join('\n') + '\n');
  return jobs;
}

const model = await loadAccountModel(DEFAULT_MODELS_DIR);
const out: unknown[] = [];
for (const dir of values.dir) {
  const jobs = await labelledJobs(dir);
  const truthFile = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as RedteamTruth;
  const truth: Record<string, TruthEntry> = {};
  for (const [id, t] of Object.entries(truthFile.accounts))
    truth[id] = {
      role: t.kind === 'legit' ? 'legit' : 'attacker',
      family: t.family as TruthEntry['family'],
      campaign_id: t.campaign_id,
    };
  const collector = createOfflineCollector();
  for (const j of jobs) collector.add(j);
  const { nodes, values: raw } = collector.finish(model);
  const result = runClusterPass(nodes, { values: raw });
  const active = new Set(nodes.map((n) => n.id));
  const ev = evaluateClusters(result.clusters, truth, active, { attackScore: DEFAULT_CLUSTER_PARAMS.attackScore });
  const patternOf = new Map<string, string>();
  for (const c of result.clusters) for (const m of c.members) patternOf.set(m, `${c.link.pattern}/${c.size}`);
  if (values.json) out.push({ dir, ...ev, ms: result.stats.ms });
  else {
    console.log(
      `\n${dir}: ${jobs.length} events, ${nodes.length} accounts, ${result.clusters.length} clusters, ms ${JSON.stringify(result.stats.ms)}`,
    );
    for (const r of ev.campaigns)
      console.log(
        `  ${r.met ? 'ok  ' : 'MISS'} ${r.family.padEnd(22)} ${String(r.accounts).padStart(4)} acc  recall ${r.recall.toFixed(3)}  purity ${r.purity.toFixed(3)}  score ${r.cluster_score.toFixed(3)}`,
      );
    console.log(
      `  legit in attack clusters: ${ev.legit_in_attack_clusters} ${JSON.stringify(ev.legit_in_attack_clusters_by_family)}`,
    );
    const legitClusters = result.clusters.filter((c) => c.members.every((m) => truth[m]?.role === 'legit'));
    const byFam = new Map<string, string[]>();
    for (const c of legitClusters) {
      const fam = [...new Set(c.members.map((m) => truth[m]!.family))].join('+');
      let l = byFam.get(fam);
      if (l === undefined) byFam.set(fam, (l = []));
      l.push(`${c.size}:${c.link.pattern}:${c.score.toFixed(2)}`);
    }
    for (const [fam, l] of byFam)
      console.log(`  legit ${fam}: ${l.slice(0, 8).join(' ')}${l.length > 8 ? ` …${l.length}` : ''}`);
  }
}
if (values.json) console.log(JSON.stringify(out));
await disposeModels();
