// Inline SVG charts: time lines, stacked time bars, heat map, member/identifier graph.
import { h, s, shortTime } from './dom.js';

export const LABEL_COLORS = {
  reasoning_trace_extraction: '#e8590c',
  rubric_grading: '#7048e8',
  censorship_rewrite: '#c92a2a',
  benign: '#a5b4c4',
};
export const LEVEL_COLORS = { low: '#74b816', elevated: '#f59f00', high: '#f76707', critical: '#e03131' };

const PAD = { left: 44, right: 10, top: 22, bottom: 24 };

function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function frame(width, height, from, to, yMax, label) {
  const x = (t) => PAD.left + ((t - from) / Math.max(1, to - from)) * (width - PAD.left - PAD.right);
  const y = (v) => height - PAD.bottom - (v / yMax) * (height - PAD.top - PAD.bottom);
  const g = s('g', { class: 'axes' });
  for (const f of [0, 0.5, 1]) {
    const v = yMax * f;
    g.append(
      s('line', { x1: PAD.left, x2: width - PAD.right, y1: y(v), y2: y(v), class: 'grid' }),
      s('text', { x: PAD.left - 4, y: y(v) + 4, 'text-anchor': 'end' }, Number.isInteger(v) ? String(v) : v.toFixed(1)),
    );
  }
  for (const f of [0, 0.5, 1]) {
    const t = from + (to - from) * f;
    g.append(
      s(
        'text',
        { x: x(t), y: height - 6, 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle' },
        shortTime(t),
      ),
    );
  }
  if (label) g.append(s('text', { x: PAD.left, y: 11, class: 'axis-label' }, label));
  return { x, y, g };
}

function legend(items) {
  return h(
    'ul',
    { class: 'legend' },
    items.map(([name, color, extra]) =>
      h('li', {}, h('span', { class: 'swatch', style: `background:${color}` }), name, extra ? ` ${extra}` : ''),
    ),
  );
}

/** Lines over time: series = [{ name, color, points: [[t, v], …] }]. */
export function lineChart({ series, from, to, width = 640, height = 180, yLabel = '' }) {
  const yMax = niceMax(Math.max(1, ...series.flatMap((sr) => sr.points.map((p) => p[1]))));
  const { x, y, g } = frame(width, height, from, to, yMax, yLabel);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img' }, g);
  for (const sr of series) {
    if (sr.points.length > 1) {
      svg.append(
        s('polyline', {
          points: sr.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
          fill: 'none',
          stroke: sr.color,
          'stroke-width': 2,
        }),
      );
    }
    for (const [t, v] of sr.points.length <= 30 ? sr.points : sr.points.slice(-1)) {
      svg.append(
        s(
          'circle',
          { cx: x(t), cy: y(v), r: 3, fill: sr.color },
          s('title', {}, `${sr.name}: ${v} at ${shortTime(t)}`),
        ),
      );
    }
  }
  return h('figure', { class: 'chart-box' }, svg, legend(series.map((sr) => [sr.name, sr.color, sr.note])));
}

/** Stacked bars over time: bars = [{ t, parts: { key: value } }], each `step` ms wide. */
export function stackedBars({
  bars,
  keys,
  colors,
  from,
  to,
  step,
  width = 640,
  height = 180,
  yLabel = '',
  names = {},
}) {
  const totals = bars.map((b) => keys.reduce((a, k) => a + (b.parts[k] ?? 0), 0));
  const yMax = niceMax(Math.max(1, ...totals));
  const { x, y, g } = frame(width, height, from, to, yMax, yLabel);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img' }, g);
  const bw = Math.max(1, x(from + step) - x(from) - 1);
  bars.forEach((b, i) => {
    let base = 0;
    const group = s(
      'g',
      {},
      s(
        'title',
        {},
        `${shortTime(b.t)}: ${totals[i]} (${keys.map((k) => `${names[k] ?? k} ${b.parts[k] ?? 0}`).join(', ')})`,
      ),
    );
    for (const k of keys) {
      const v = b.parts[k] ?? 0;
      if (v <= 0) continue;
      group.append(
        s('rect', {
          x: x(b.t).toFixed(1),
          y: y(base + v).toFixed(1),
          width: bw.toFixed(1),
          height: Math.max(0.5, y(base) - y(base + v)).toFixed(1),
          fill: colors[k],
        }),
      );
      base += v;
    }
    svg.append(group);
  });
  return h('figure', { class: 'chart-box' }, svg, legend(keys.map((k) => [names[k] ?? k, colors[k]])));
}

/**
 * Heat map: one row per account, one column per time bin; darker = more requests. Columns lit
 * in the same place across many rows are accounts acting in lockstep.
 */
export function heatmap({ rows, from, step, columns, width = 900, rowHeight = 14, labelWidth = 150 }) {
  const cellW = (width - labelWidth - 8) / columns;
  const height = rows.length * rowHeight + 22;
  const max = Math.max(1, ...rows.flatMap((r) => r.cells));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart heatmap', role: 'img' });
  rows.forEach((r, i) => {
    const yy = i * rowHeight;
    const total = r.cells.reduce((a, v) => a + v, 0);
    const label = s(
      'text',
      { x: labelWidth - 6, y: yy + rowHeight - 3, 'text-anchor': 'end' },
      r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label,
      s('title', {}, `${r.label}: ${total} requests`),
    );
    svg.append(r.href ? s('a', { href: r.href }, label) : label);
    // One rect per non-empty cell and no per-cell tooltip: large clusters make tens of thousands of cells.
    const row = s('g', {});
    r.cells.forEach((v, c) => {
      if (v <= 0) return;
      const alpha = 0.15 + 0.85 * Math.sqrt(v / max);
      row.append(
        s('rect', {
          x: (labelWidth + c * cellW).toFixed(1),
          y: yy + 1,
          width: Math.max(1, cellW - 0.5).toFixed(1),
          height: rowHeight - 2,
          fill: `rgba(201,42,42,${alpha.toFixed(2)})`,
        }),
      );
    });
    svg.append(row);
  });
  const axisY = rows.length * rowHeight + 14;
  for (const f of [0, 0.5, 1]) {
    const c = Math.round((columns - 1) * f);
    svg.append(
      s(
        'text',
        { x: labelWidth + c * cellW, y: axisY, 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle' },
        shortTime(from + c * step),
      ),
    );
  }
  return h('figure', { class: 'chart-box scroll-x' }, svg);
}

/**
 * Members (outer ring, coloured by level) and the identifiers they share (inner ring). An edge
 * joins an identifier to each member known to carry it.
 */
export function clusterGraph({ members, identifiers, width = 560, height = 420 }) {
  const cx = width / 2;
  const cy = height / 2;
  const outer = Math.min(cx, cy) - 40;
  const inner = identifiers.length <= 1 ? 0 : outer * 0.45;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart graph', role: 'img' });
  const pos = new Map();
  members.forEach((m, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, members.length) - Math.PI / 2;
    pos.set(m.id, [cx + outer * Math.cos(a), cy + outer * Math.sin(a)]);
  });
  const edges = s('g', { class: 'edges' });
  const nodes = s('g', { class: 'nodes' });
  identifiers.forEach((idf, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, identifiers.length) - Math.PI / 2 + 0.3;
    const [ix, iy] = [cx + inner * Math.cos(a), cy + inner * Math.sin(a)];
    for (const mid of idf.members) {
      const p = pos.get(mid);
      if (p) edges.append(s('line', { x1: ix, y1: iy, x2: p[0], y2: p[1], class: `edge kind-${idf.kind}` }));
    }
    nodes.append(
      s(
        'g',
        { class: `ident kind-${idf.kind}` },
        s('rect', { x: ix - 7, y: iy - 7, width: 14, height: 14, rx: 3 }),
        s(
          'text',
          { x: ix, y: iy - 10, 'text-anchor': 'middle' },
          idf.label.length > 24 ? `${idf.label.slice(0, 23)}…` : idf.label,
        ),
        s('title', {}, `${idf.kind} ${idf.label}: ${idf.detail}`),
      ),
    );
  });
  for (const m of members) {
    const [mx, my] = pos.get(m.id);
    nodes.append(
      s(
        'a',
        { href: m.href },
        s('circle', {
          cx: mx,
          cy: my,
          r: members.length <= 24 ? 8 : 5,
          fill: LEVEL_COLORS[m.level] ?? '#868e96',
          class: 'member',
        }),
        // Names only while they fit around the ring; the tooltip always has them.
        members.length <= 24
          ? s(
              'text',
              { x: mx, y: my + (my > cy ? 20 : -12), 'text-anchor': 'middle' },
              m.id.length > 16 ? `${m.id.slice(0, 15)}…` : m.id,
            )
          : null,
        s('title', {}, `${m.id} (${m.level ?? 'unknown'})`),
      ),
    );
  }
  svg.append(edges, nodes);
  return h(
    'figure',
    { class: 'chart-box' },
    svg,
    legend([
      ['member (colour = level)', '#e03131'],
      ['shared identifier', '#364fc7'],
    ]),
  );
}
