// Hash router and page shell. Routes: #/ overview, #/account/<id>, #/cluster/<id>, #/jobs.
import { ApiError, forgetKey, getKey, setKey } from './api.js';
import { h } from './dom.js';
import { renderAccount } from './views/account.js';
import { renderCluster } from './views/cluster.js';
import { renderJobs } from './views/jobs.js';
import { renderOverview } from './views/overview.js';

const view = document.getElementById('view');
const notice = document.getElementById('notice');
const keyInput = document.getElementById('api-key');
let generation = 0;
let refreshTimer;

function showNotice(text, kind = 'error') {
  notice.textContent = text;
  notice.className = `notice ${kind}`;
  notice.hidden = false;
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, ...rest] = hash.split('/');
  const arg = rest.length > 0 ? decodeURIComponent(rest.join('/')) : '';
  if (name === 'account' && arg) return { name: 'account', render: (ctx) => renderAccount(ctx, arg) };
  if (name === 'cluster' && arg) return { name: 'cluster', render: (ctx) => renderCluster(ctx, arg) };
  if (name === 'jobs') return { name: 'jobs', render: (ctx) => renderJobs(ctx) };
  return { name: 'overview', render: (ctx) => renderOverview(ctx) };
}

async function render({ quiet = false } = {}) {
  const mine = ++generation;
  clearTimeout(refreshTimer);
  const r = route();
  document.body.dataset.view = r.name;
  if (!quiet) {
    document.body.dataset.ready = '0';
    notice.hidden = true;
  }
  for (const a of document.querySelectorAll('[data-nav]')) a.classList.toggle('active', a.dataset.nav === r.name);
  const ctx = {
    current: () => mine === generation,
    /** Re-render this page after `ms` (quietly) while it stays open. */
    refreshIn(ms) {
      if (mine !== generation) return;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        if (mine === generation && !document.hidden) void render({ quiet: true });
        else if (mine === generation) ctx.refreshIn(ms);
      }, ms);
    },
    rerender: () => render({ quiet: true }),
    notify: showNotice,
  };
  try {
    const content = await r.render(ctx);
    if (mine !== generation) return;
    view.replaceChildren(content);
    document.body.dataset.ready = '1';
    if (!quiet) performance.mark(`dg-ready:${r.name}`);
  } catch (err) {
    if (mine !== generation) return;
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      showNotice(
        err.status === 401
          ? 'This page needs an analyst API key: enter it above (it is kept for this tab only).'
          : `The key in use may not read this page (${err.message})`,
      );
      keyInput.focus();
    } else {
      showNotice(err instanceof ApiError ? `${err.message} (${err.code})` : String(err));
    }
    if (!quiet) view.replaceChildren(h('p', { class: 'empty' }, 'Nothing to show.'));
    document.body.dataset.ready = 'error';
  }
}

document.getElementById('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const key = keyInput.value.trim();
  if (key) setKey(key);
  keyInput.value = '';
  keyInput.placeholder = getKey() ? 'set for this tab' : 'not set';
  void render();
});
document.getElementById('key-forget').addEventListener('click', () => {
  forgetKey();
  keyInput.placeholder = 'not set';
  void render();
});
keyInput.placeholder = getKey() ? 'set for this tab' : 'not set';
window.addEventListener('hashchange', () => void render());
void render();
