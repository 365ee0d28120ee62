/** All families of the generator, in output order. */
import type { FamilySpec } from './lib/family.js';
import { spec as hydraSharedCards } from './families/hydra-shared-cards.js';
import { spec as proxyIsolatedCot } from './families/proxy-isolated-cot.js';
import { spec as lowAndSlow } from './families/low-and-slow.js';
import { spec as rewardModelHarvest } from './families/reward-model-harvest.js';
import { spec as censorshipRewrite } from './families/censorship-rewrite.js';
import { spec as agenticHarvest } from './families/agentic-harvest.js';
import { spec as modelSwitchSync } from './families/model-switch-sync.js';
import { spec as signupPathAbuse } from './families/signup-path-abuse.js';
import { spec as resellerSpread } from './families/reseller-spread.js';
import { spec as hydraChurn } from './families/hydra-churn.js';
import { spec as individuals } from './families/individuals.js';
import { spec as students } from './families/students.js';
import { spec as teachers } from './families/teachers.js';
import { spec as writers } from './families/writers.js';
import { spec as corpNat } from './families/corp-nat.js';
import { spec as universityClass } from './families/university-class.js';
import { spec as mobileCgnat } from './families/mobile-cgnat.js';
import { spec as vpnUsers } from './families/vpn-users.js';
import { spec as evalTeam } from './families/eval-team.js';
import { spec as codingAgents } from './families/coding-agents.js';
import { spec as batchJobs } from './families/batch-jobs.js';
import { spec as selfDistillation } from './families/self-distillation.js';

export const FAMILIES: FamilySpec[] = [
  hydraSharedCards,
  proxyIsolatedCot,
  lowAndSlow,
  rewardModelHarvest,
  censorshipRewrite,
  agenticHarvest,
  modelSwitchSync,
  signupPathAbuse,
  resellerSpread,
  hydraChurn,
  individuals,
  students,
  teachers,
  writers,
  corpNat,
  universityClass,
  mobileCgnat,
  vpnUsers,
  evalTeam,
  codingAgents,
  batchJobs,
  selfDistillation,
];
