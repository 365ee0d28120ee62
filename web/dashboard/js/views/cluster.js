import { api, apiOptional, enc } from '../api.js';
import { clusterGraph, heatmap } from '../charts.js';
import { accountHref, empty, h, levelBadge, num, pct, section, table, when } from '../dom.js';

const HOUR = 3_600_000;
const KIND_NAMES = { ip: 'IP', payment_fingerprint: 'card', user_agent: 'user agent', org_id: 'org' };
const FINE = 5 * 60_000;

function header(c) {
  return h(
    'div',
    { class: 'card account-head' },
    h('div', { class: 'big-likelihood' }, pct(c.score)),
    h(
      'div',
      {},
      h('h1', { class: 'account-id', id: 'cluster-id' }, `Cluster ${c.cluster_id}`),
      h(
        'p',
        {},
        levelBadge(c.level),
        ` · ${c.size} members · ${num(c.requests)} requests · coordination ${pct(c.coordination)} · attack evidence ${pct(c.attack)}`,
      ),
      h(
        'p',
        { class: 'muted' },
        `active ${when(c.timeline.first_seen)} → ${when(c.timeline.last_seen)}, ${c.timeline.active_hours} active hours`,
      ),
    ),
  );
}

const PATTERN_NAMES = {
  rotating_identifiers: 'rotating cards / IPs',
  shared_payment: 'one shared card',
  shared_nat: 'one NAT IP and card',
  shared_exit: 'shared exit IPs',
  template_and_timing: 'templates and timing',
  content_template: 'prompt templates',
  synchronised_timing: 'synchronised timing',
  mixed: 'mixed',
};

/** How the members are linked and their label evidence pooled as one actor's. */
function linkAndPooled(c) {
  if (!c.link || !c.pooled) return empty('This cluster was stored before link and pooled evidence were recorded.');
  const p = c.pooled;
  const labels = Object.entries(p.attack_label_counts)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${l} ${num(n)}`)
    .join(', ');
  return h(
    'div',
    { id: 'link-pooled' },
    h(
      'p',
      {},
      h('strong', {}, `Linked by ${PATTERN_NAMES[c.link.pattern] ?? c.link.pattern}`),
      c.link.declared_organisation ? ' (declared organisation: never lifts members)' : '',
      ` — ${c.link.detail}`,
    ),
    h(
      'p',
      {},
      `Pooled evidence: ${num(p.attack_requests)} of ${num(p.requests)} member requests attack-labelled (${pct(p.attack_share)})`,
      labels ? `: ${labels}` : '',
      `; ${p.attack_accounts} of ${c.size} members have at least one.`,
    ),
    table(
      [
        ['signal', (x) => x.signal.replaceAll('_', ' ')],
        ['members', (x) => `${x.accounts} / ${c.size}`, 'num'],
        ['share', (x) => pct(x.strength), 'num'],
        ['values', (x) => (x.values === undefined ? '—' : num(x.values)), 'num'],
      ],
      c.link.signals,
      { id: 'link-signals' },
    ),
  );
}

function members(c, activity) {
  const byId = new Map(activity.accounts.map((x) => [x.account_id, x]));
  return table(
    [
      ['account', (id) => h('a', { href: accountHref(id), class: 'member-link' }, id)],
      ['likelihood', (id) => (byId.get(id)?.updated_at ? pct(byId.get(id).likelihood) : '—'), 'num'],
      ['level', (id) => (byId.get(id)?.updated_at ? levelBadge(byId.get(id).level) : '—')],
      ['requests (7 d)', (id) => num((byId.get(id)?.hours ?? []).reduce((a, x) => a + x.n, 0)), 'num'],
    ],
    c.members,
    { id: 'members' },
  );
}

function evidence(c) {
  if (c.evidence.length === 0) return empty('No evidence recorded.');
  return table(
    [
      ['kind', (e) => e.kind.replace('_', ' ')],
      ['members', (e) => `${e.accounts} / ${c.size}`, 'num'],
      ['pairs', (e) => num(e.pairs), 'num'],
      ['detail', (e) => e.detail, 'wrap'],
    ],
    c.evidence,
    { id: 'evidence' },
  );
}

function graph(c, activity) {
  const byId = new Map(activity.accounts.map((x) => [x.account_id, x]));
  const memberNodes = c.members.map((id) => ({
    id,
    level: byId.get(id)?.updated_at ? byId.get(id).level : undefined,
    href: accountHref(id),
  }));
  // Identifiers of one kind shared by the same members are drawn as one node ("IP × 12").
  const groups = new Map();
  for (const e of c.evidence) {
    if (e.kind !== 'shared_identifier') continue;
    const members = Array.isArray(e.members) ? e.members : e.accounts >= c.size ? c.members : [];
    const key = `${e.identifier}|${members.join(',')}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind: e.identifier ?? 'identifier', members, values: [] }));
    g.values.push(e.value ?? '?');
  }
  const identifiers = [...groups.values()].map((g, i) => ({
    id: `i${i}`,
    kind: g.kind,
    label: g.values.length === 1 ? g.values[0] : `${KIND_NAMES[g.kind] ?? g.kind} × ${g.values.length}`,
    detail: g.values.join(', '),
    members: g.members,
  }));
  const fig = clusterGraph({ members: memberNodes, identifiers });
  fig.id = 'cluster-graph';
  const partial = identifiers.filter((i) => i.members.length === 0).length;
  return [
    fig,
    partial > 0
      ? h(
          'p',
          { class: 'muted' },
          `${partial} identifier(s) are shared by only some members; the API does not say which, so they are drawn without edges.`,
        )
      : null,
  ];
}

function bins(activity, from, to, step, pick) {
  const columns = Math.max(1, Math.ceil((to - from) / step));
  return {
    columns,
    rows: activity.accounts.map((a) => {
      const cells = new Array(columns).fill(0);
      for (const [t, n] of pick(a)) {
        const c = Math.floor((t - from) / step);
        if (c >= 0 && c < columns) cells[c] += n;
      }
      return { label: a.account_id, href: accountHref(a.account_id), cells };
    }),
  };
}

function heatmaps(activity) {
  const hourly = activity.accounts.flatMap((a) => a.hours.map((x) => x.t));
  if (hourly.length === 0) return empty('No member traffic in the last 7 days.');
  const from = Math.min(...hourly);
  const to = Math.max(...hourly) + HOUR;
  const coarse = bins(activity, from, to, HOUR, (a) => a.hours.map((x) => [x.t, x.n]));
  const out = [h('h3', {}, 'Requests per hour'), heatmap({ ...coarse, from, step: HOUR })];
  // Fine view: 5-minute bins over the span every member's recent-request list fully covers.
  const withRecent = activity.accounts.filter((a) => a.recent.length > 0);
  if (withRecent.length > 0) {
    const end = Math.max(...withRecent.map((a) => a.recent[a.recent.length - 1])) + FINE;
    const capped = withRecent.filter((a) => a.recent.length >= 256).map((a) => a.recent[0]);
    const start = Math.max(
      capped.length > 0 ? Math.max(...capped) : Math.min(...withRecent.map((a) => a.recent[0])),
      end - 12 * HOUR,
    );
    const fineFrom = Math.floor(start / FINE) * FINE;
    const fine = bins(activity, fineFrom, end, FINE, (a) => a.recent.map((t) => [t, 1]));
    out.push(h('h3', {}, 'Recent requests, 5-minute bins'), heatmap({ ...fine, from: fineFrom, step: FINE }));
  }
  const box = h('div', { id: 'heatmap' }, out);
  return box;
}

function daily(c) {
  if (c.timeline.daily.length === 0) return null;
  return h(
    'details',
    {},
    h('summary', {}, 'Daily activity'),
    table(
      [
        ['date', (d) => d.date],
        ['requests', (d) => num(d.requests), 'num'],
        ['active members', (d) => num(d.accounts), 'num'],
      ],
      c.timeline.daily,
    ),
  );
}

export async function renderCluster(ctx, id) {
  const c = await apiOptional(`/v1/clusters/${enc(id)}`);
  if (c === null) {
    return h(
      'div',
      { class: 'page' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← Overview')),
      empty('This cluster is not known (or the clusters API is not available on this service).'),
    );
  }
  const activity = await api('/v1/dashboard/activity', {
    method: 'POST',
    body: { account_ids: c.members.slice(0, 200) },
  });
  return h(
    'div',
    { class: 'page cluster' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← Overview')),
    header(c),
    h(
      'div',
      { class: 'grid2' },
      section('Members', members(c, activity)),
      section('Members and shared identifiers', graph(c, activity)),
    ),
    section('Link and pooled evidence', linkAndPooled(c)),
    section('Evidence', evidence(c)),
    section(
      'Activity heat map (accounts × time): columns lit across many rows are lockstep',
      heatmaps(activity),
      daily(c),
    ),
  );
}
