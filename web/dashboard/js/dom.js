// Small DOM helpers. Data is only ever inserted as text (never as HTML).

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = String(v);
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes in markup.
    else if (k === 'style') el.style.cssText = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** An HTML element: h('a', { href: '#/', class: 'x' }, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element, same calling convention as h(). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export const pct = (x) => `${(x * 100).toFixed(1)}%`;
export const num = (x) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(x);
export const when = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '—');
export const shortTime = (ms) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');

export const accountHref = (id) => `#/account/${encodeURIComponent(id)}`;
export const clusterHref = (id) => `#/cluster/${encodeURIComponent(id)}`;

export function levelBadge(level) {
  return h('span', { class: `badge level-${level}` }, level);
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** A table: columns are [header, (row) => cell content, className?]. */
export function table(columns, rows, attrs = {}) {
  return h(
    'table',
    attrs,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map(([title, , cls]) => h('th', { class: cls }, title)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          columns.map(([, cell, cls]) => h('td', { class: cls }, cell(row))),
        ),
      ),
    ),
  );
}

export const empty = (text) => h('p', { class: 'empty' }, text);
