import { api, apiOptional } from '../api.js';
import { LEVEL_COLORS, lineChart, stackedBars } from '../charts.js';
import { accountHref, clusterHref, empty, h, levelBadge, num, pct, section, table, when } from '../dom.js';

const LEVELS = ['low', 'elevated', 'high', 'critical'];

function tiles(o) {
  const tile = (label, value, cls = '') =>
    h(
      'div',
      { class: `tile ${cls}` },
      h('div', { class: 'tile-value' }, value),
      h('div', { class: 'tile-label' }, label),
    );
  return h(
    'div',
    { class: 'tiles' },
    tile('accounts', num(o.accounts.total)),
    LEVELS.map((l) => tile(l, num(o.accounts.by_level[l]), `level-${l}`)),
    tile('events / s (last minute)', num(o.events.per_second)),
  );
}

function levelHistory(o) {
  const now = Date.parse(o.generated_at);
  const points = [...o.level_history, { t: now, ...o.accounts.by_level }];
  const from = Math.min(points[0].t, now - 3_600_000);
  const series = ['elevated', 'high', 'critical'].map((l) => ({
    name: l,
    color: LEVEL_COLORS[l],
    points: points.map((p) => [p.t, p[l]]),
  }));
  return lineChart({ series, from, to: now, yLabel: 'accounts' });
}

function throughput(o) {
  const bars = o.events.per_minute.map((m) => ({ t: m.t, parts: { completed: m.completed, failed: m.failed } }));
  const from = bars.length > 0 ? bars[0].t : Date.now() - 3_600_000;
  const to = bars.length > 0 ? bars[bars.length - 1].t + 60_000 : Date.now();
  return stackedBars({
    bars,
    keys: ['completed', 'failed'],
    colors: { completed: '#1c7ed6', failed: '#e03131' },
    from,
    to,
    step: 60_000,
    yLabel: 'events / min',
    names: { completed: 'aggregated', failed: 'failed' },
  });
}

function topAccounts(o) {
  if (o.top_accounts.length === 0) return empty('No scored accounts yet.');
  return table(
    [
      ['account', (a) => h('a', { href: accountHref(a.account_id), class: 'account-link' }, a.account_id)],
      ['likelihood', (a) => pct(a.likelihood), 'num'],
      ['level', (a) => levelBadge(a.level)],
      ['requests', (a) => num(a.requests), 'num'],
      ['cluster', (a) => (a.cluster_id ? h('a', { href: clusterHref(a.cluster_id) }, a.cluster_id.slice(0, 10)) : '—')],
      ['why', (a) => a.top_factor ?? '—', 'wrap'],
    ],
    o.top_accounts,
    { id: 'top-accounts' },
  );
}

function clusters(list) {
  if (list === null) return empty('The clusters API (GET /v1/clusters) is not available on this service.');
  if (list.clusters.length === 0) return empty('No active clusters.');
  return table(
    [
      ['cluster', (c) => h('a', { href: clusterHref(c.cluster_id), class: 'cluster-link' }, c.cluster_id.slice(0, 12))],
      ['score', (c) => pct(c.score), 'num'],
      ['level', (c) => levelBadge(c.level)],
      ['members', (c) => num(c.size), 'num'],
      ['requests', (c) => num(c.requests), 'num'],
      ['strongest evidence', (c) => c.evidence[0]?.detail ?? '—', 'wrap'],
    ],
    list.clusters,
    { id: 'active-clusters' },
  );
}

function queues(o) {
  return table(
    [
      ['queue', (q) => q.name],
      ['waiting', (q) => num(q.waiting), 'num'],
      ['active', (q) => num(q.active), 'num'],
      ['delayed', (q) => num(q.delayed), 'num'],
      ['failed', (q) => (q.failed > 0 ? h('strong', { class: 'bad' }, num(q.failed)) : '0'), 'num'],
      // No worker is a problem only when jobs are waiting for one (the dead-letter queue never has workers).
      [
        'workers',
        (q) => (q.workers === 0 && q.waiting > 0 ? h('strong', { class: 'bad' }, '0') : num(q.workers)),
        'num',
      ],
      ['state', (q) => (q.paused ? h('strong', { class: 'bad' }, 'paused') : 'running')],
    ],
    o.queues,
    { id: 'queue-health' },
  );
}

export async function renderOverview(ctx) {
  const [o, cl] = await Promise.all([
    api('/v1/dashboard/overview?top=10&history_hours=24'),
    apiOptional('/v1/clusters?min_score=0.5&limit=10'),
  ]);
  ctx.refreshIn(15_000);
  return h(
    'div',
    { class: 'page overview' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Overview'),
      h('span', { class: 'muted' }, `as of ${when(o.generated_at)} · refreshes every 15 s`),
    ),
    tiles(o),
    h(
      'div',
      { class: 'grid2' },
      section('Flagged accounts over time (24 h)', levelHistory(o)),
      section('Events aggregated per minute (1 h)', throughput(o)),
    ),
    h(
      'div',
      { class: 'grid2' },
      section('Top flagged accounts', topAccounts(o)),
      section('Active clusters', clusters(cl)),
    ),
    section(
      'Queue health',
      queues(o),
      h(
        'p',
        { class: 'muted' },
        h('a', { href: '../admin/queues', target: '_blank', rel: 'noopener' }, 'Open the queue view'),
        ' (admin key).',
      ),
    ),
  );
}
