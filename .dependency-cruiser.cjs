/**
 * The import rules `npm run lint` checks (dependency-cruiser): no import cycle anywhere, and the
 * layers run one way:
 *
 *   http, cli, service.ts  →  queues  →  features  →  models  →  contracts, redis, util (and the
 *   single files beside them: labels, errors, env, logger)
 *
 * A layer may import its own layer and any layer to its right, never one to its left. Shipped
 * code (src/) never imports the training tree; training, tests and benchmarks may import src.
 */
const BASE = '^src/(contracts|redis|util)/|^src/(labels|errors|env|logger)[.]ts$';
const MODELS = '^src/models/';
const FEATURES = '^src/features/';
const QUEUES = '^src/queues/';
const TOP = '^src/(http|cli|client)/|^src/(cli|service)[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Import cycles hide which module owns what; split the shared part into a lower module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-training',
      severity: 'error',
      comment: 'Shipped code (src/) never depends on the training tree.',
      from: { path: '^src/' },
      to: { path: '^training/' },
    },
    {
      name: 'queues-not-upward',
      severity: 'error',
      comment: 'queues sits below http and cli: it exports the interfaces they use.',
      from: { path: QUEUES },
      to: { path: TOP },
    },
    {
      name: 'features-not-upward',
      severity: 'error',
      comment: 'features sits below queues, http and cli.',
      from: { path: FEATURES },
      to: { path: [QUEUES, TOP] },
    },
    {
      name: 'models-not-upward',
      severity: 'error',
      comment: 'models sits below features: classification plugs into features, not the other way round.',
      from: { path: MODELS },
      to: { path: [FEATURES, QUEUES, TOP] },
    },
    {
      name: 'base-not-upward',
      severity: 'error',
      comment: 'contracts, redis, util and the single files beside them import nothing above them.',
      from: { path: BASE },
      to: { path: [MODELS, FEATURES, QUEUES, TOP] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|coverage|models)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
