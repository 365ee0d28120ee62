import { api, apiOptional, ApiError, enc } from '../api.js';
import { LABEL_COLORS, stackedBars } from '../charts.js';
import { clusterHref, empty, h, levelBadge, num, pct, section, table, when } from '../dom.js';

const LABELS = ['reasoning_trace_extraction', 'rubric_grading', 'censorship_rewrite', 'benign'];
const LABEL_NAMES = {
  reasoning_trace_extraction: 'reasoning extraction',
  rubric_grading: 'rubric grading',
  censorship_rewrite: 'censorship rewrite',
  benign: 'benign',
};
const HOUR = 3_600_000;
const SAMPLE_CHARS = 240;

function header(a) {
  return h(
    'div',
    { class: 'account-head card' },
    h('div', { class: 'big-likelihood', id: 'likelihood' }, pct(a.likelihood)),
    h(
      'div',
      {},
      h('h1', { class: 'account-id' }, a.account_id),
      h(
        'p',
        {},
        levelBadge(a.level),
        ' action ',
        h('strong', {}, a.action),
        ` · ${num(a.requests)} requests · scored ${when(a.updated_at)}`,
      ),
      h(
        'p',
        {},
        'Cluster: ',
        a.cluster_id
          ? h('a', { href: clusterHref(a.cluster_id), id: 'cluster-link' }, a.cluster_id)
          : h('span', { class: 'muted' }, 'none'),
      ),
    ),
  );
}

function factors(a) {
  if (a.top_factors.length === 0) return empty('No factor stands out.');
  const max = Math.max(...a.top_factors.map((f) => Math.abs(f.contribution)), 0.01);
  return table(
    [
      ['factor', (f) => h('code', {}, f.factor)],
      [
        'contribution',
        (f) =>
          h(
            'span',
            { class: 'contrib' },
            h('span', {
              class: `bar ${f.contribution >= 0 ? 'pos' : 'neg'}`,
              style: `width:${Math.max(2, Math.round((Math.abs(f.contribution) / max) * 60))}px`,
            }),
            f.contribution.toFixed(2),
          ),
        'num',
      ],
      ['detail', (f) => f.detail, 'wrap'],
    ],
    a.top_factors,
    { id: 'factors' },
  );
}

function timeline(t) {
  if (t.hours.length === 0) return empty('No traffic in the last 7 days.');
  const first = t.hours[0].t;
  const from = Math.max(t.from, Math.min(first, t.to - 24 * HOUR));
  const bars = t.hours
    .filter((x) => x.t >= from)
    .map((x) => ({ t: x.t, parts: Object.fromEntries(LABELS.map((l) => [l, x[l]])) }));
  const chart = stackedBars({
    bars,
    keys: LABELS,
    colors: LABEL_COLORS,
    names: LABEL_NAMES,
    from,
    to: t.to,
    step: HOUR,
    yLabel: 'requests / hour',
    width: 1200,
    height: 220,
  });
  chart.id = 'timeline';
  return chart;
}

function labelCounts(a) {
  return h(
    'ul',
    { class: 'legend counts' },
    LABELS.map((l) =>
      h(
        'li',
        {},
        h('span', { class: 'swatch', style: `background:${LABEL_COLORS[l]}` }),
        `${LABEL_NAMES[l]}: ${num(a.label_counts[l])}`,
      ),
    ),
  );
}

const KIND_NAMES = { ip: 'IP', payment_fingerprint: 'payment card', user_agent: 'user agent', org_id: 'organisation' };

function identifiers(ids) {
  if (ids.identifiers.length === 0) return empty('No identifiers recorded for this account in the last 7 days.');
  const rows = table(
    [
      ['kind', (r) => KIND_NAMES[r.kind] ?? r.kind],
      ['value', (r) => h('code', {}, r.value), 'wrap'],
      ['requests', (r) => num(r.requests), 'num'],
      [
        'other accounts',
        (r) =>
          r.other_accounts === null
            ? h('span', { class: 'muted' }, 'not counted yet')
            : r.other_accounts > 0
              ? h('strong', { class: 'bad' }, num(r.other_accounts))
              : '0',
        'num',
      ],
    ],
    ids.identifiers,
    { id: 'identifiers' },
  );
  const note = h(
    'p',
    { class: 'muted' },
    ids.counted_at
      ? `Accounts sharing each value counted at ${when(ids.counted_at)} (after each cluster pass).`
      : 'Accounts sharing each value are counted after the next cluster pass.',
  );
  return [rows, note];
}

function samples(a) {
  if (!a.samples) return empty('Prompt samples are not available on this service.');
  const blocks = LABELS.filter((l) => a.samples[l]?.length > 0).map((l) =>
    h(
      'div',
      { class: 'samples' },
      h('h3', {}, h('span', { class: 'swatch', style: `background:${LABEL_COLORS[l]}` }), LABEL_NAMES[l]),
      h(
        'ul',
        {},
        a.samples[l].map((sm) =>
          h(
            'li',
            {},
            h('span', { class: 'muted' }, when(sm.at), ' '),
            sm.prompt.length > SAMPLE_CHARS
              ? `${sm.prompt.slice(0, SAMPLE_CHARS)}…`
              : sm.prompt + (sm.truncated ? '…' : ''),
          ),
        ),
      ),
    ),
  );
  return blocks.length > 0 ? h('div', { id: 'samples' }, blocks) : empty('No prompts sampled yet.');
}

function verdictBox(ctx, a, history) {
  if (history === null) return empty('The verdict API is not available on this service.');
  const note = h('textarea', { id: 'verdict-note', rows: 2, maxlength: 2000, placeholder: 'Note (optional): why' });
  const status = h('p', { class: 'muted', id: 'verdict-status' });
  const send = async (verdict) => {
    status.textContent = 'Saving…';
    try {
      const body = { verdict };
      if (note.value.trim()) body.note = note.value.trim();
      await api(`/v1/accounts/${enc(a.account_id)}/verdict`, { method: 'POST', body });
      note.value = '';
      await ctx.rerender();
    } catch (err) {
      status.textContent = err instanceof ApiError ? `Not saved: ${err.message}` : String(err);
    }
  };
  const latest = history.latest;
  return h(
    'div',
    { class: 'verdict' },
    h(
      'p',
      { id: 'verdict-current' },
      latest
        ? h(
            'span',
            {},
            'Current: ',
            h('strong', { class: `verdict-${latest.verdict}` }, latest.verdict.replace('_', ' ')),
            ` by ${latest.analyst} at ${when(latest.at)}`,
            latest.note ? ` — “${latest.note}”` : '',
          )
        : 'No verdict yet.',
    ),
    note,
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { type: 'button', class: 'danger', id: 'confirm-attacker', onclick: () => void send('confirmed_attacker') },
        'Confirm attacker',
      ),
      h(
        'button',
        { type: 'button', class: 'ok', id: 'mark-legitimate', onclick: () => void send('legitimate') },
        'Mark legitimate',
      ),
    ),
    status,
    history.history.length > 1
      ? h(
          'details',
          {},
          h('summary', {}, `History (${history.history.length})`),
          h(
            'ul',
            {},
            history.history.map((v) =>
              h('li', {}, `${when(v.at)} ${v.verdict} by ${v.analyst}${v.note ? ` — ${v.note}` : ''}`),
            ),
          ),
        )
      : null,
  );
}

function features(a) {
  const rows = Object.entries(a.features).sort(([x], [y]) => (x < y ? -1 : 1));
  return h(
    'details',
    {},
    h('summary', {}, `All features (${rows.length})`),
    table(
      [
        ['feature', (r) => h('code', {}, r[0])],
        ['value', (r) => num(r[1]), 'num'],
      ],
      rows,
    ),
  );
}

export async function renderAccount(ctx, id) {
  const [a, t, ids, history] = await Promise.all([
    api(`/v1/accounts/${enc(id)}`),
    api(`/v1/dashboard/accounts/${enc(id)}/timeline`),
    api(`/v1/dashboard/accounts/${enc(id)}/identifiers`),
    apiOptional(`/v1/accounts/${enc(id)}/verdicts`),
  ]);
  return h(
    'div',
    { class: 'page account' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← Overview')),
    header(a),
    h(
      'div',
      { class: 'grid2' },
      section('Why: top factors', factors(a)),
      section('Analyst verdict', verdictBox(ctx, a, history)),
    ),
    section('Requests per hour by label', timeline(t), labelCounts(a)),
    h(
      'div',
      { class: 'grid2' },
      section('Identifiers (7 days) and the accounts sharing them', identifiers(ids)),
      section('Sample prompts per label (truncated)', samples(a)),
    ),
    section('Features', features(a)),
  );
}
