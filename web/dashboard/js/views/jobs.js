import { api, ApiError, apiOptional, download, enc, upload } from '../api.js';
import { empty, h, num, pct, section, table, when } from '../dom.js';

// Ids of the jobs started from this tab (ids only; file names stay in request bodies).
const JOBS_KEY = 'distill-guard.rescore-jobs';
const jobIds = () => JSON.parse(sessionStorage.getItem(JOBS_KEY) ?? '[]');
const remember = (id) =>
  sessionStorage.setItem(JOBS_KEY, JSON.stringify([id, ...jobIds().filter((x) => x !== id)].slice(0, 20)));

function startForm(ctx) {
  const file = h('input', {
    id: 'rescore-file',
    name: 'history',
    type: 'file',
    accept: '.jsonl,.gz,.ndjson,application/x-ndjson,application/gzip',
  });
  const input = h('input', {
    id: 'rescore-input',
    name: 'input_path',
    placeholder: 'or a file already in DATA_DIR, e.g. history.jsonl',
    spellcheck: 'false',
  });
  const status = h('p', { class: 'muted', id: 'rescore-status' });
  const form = h(
    'form',
    { class: 'form', id: 'rescore-form' },
    h('label', {}, 'History to upload (JSONL or .gz)', file),
    h('label', {}, 'History in the data directory (path relative to DATA_DIR)', input),
    h('button', { type: 'submit' }, 'Start rescore'),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files && file.files[0];
    const inDataDir = input.value.trim();
    if (!chosen && !inDataDir) {
      status.textContent = 'Choose a file to upload, or name one in the data directory.';
      return;
    }
    status.textContent = 'Starting…';
    try {
      const accepted = chosen
        ? await upload('/v1/rescore/upload', chosen)
        : await api('/v1/rescore', { method: 'POST', body: { input_path: inDataDir } });
      remember(accepted.id);
      await ctx.rerender();
    } catch (err) {
      status.textContent = err instanceof ApiError ? `Not started: ${err.message} (${err.code})` : String(err);
    }
  });
  return form;
}

function downloadButton(j) {
  const button = h('button', { type: 'button', class: 'download', 'data-download': j.id }, 'Download accounts (JSONL)');
  button.addEventListener('click', async () => {
    try {
      const blob = await download(`/v1/jobs/${enc(j.id)}/output`);
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `accounts-${j.id}.jsonl` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      button.textContent = err instanceof ApiError ? `Download failed: ${err.message}` : String(err);
    }
  });
  return button;
}

function progress(j) {
  const p = j.progress;
  return h(
    'div',
    { class: 'job-progress' },
    h(
      'div',
      { class: 'progress' },
      h('div', { class: `progress-bar state-${j.state}`, style: `width:${Math.round(p.fraction * 100)}%` }),
    ),
    h(
      'span',
      {},
      `${pct(p.fraction)} · ${num(p.lines)} lines · ${num(p.events)} events · ${num(p.events_per_s)} events/s${p.eta_s !== null && j.state === 'running' ? ` · ETA ${Math.round(p.eta_s)} s` : ''}${p.malformed > 0 ? ` · ${p.malformed} malformed` : ''}`,
    ),
  );
}

function jobCard(j) {
  if (j.missing) return h('div', { class: 'job card' }, h('p', {}, `Job ${j.id}: no longer known to the service.`));
  return h(
    'div',
    { class: 'job card', 'data-job': j.id },
    h(
      'p',
      {},
      h('strong', {}, `Job ${j.id}`),
      ' ',
      h('span', { class: `badge state-${j.state}` }, j.state),
      h(
        'span',
        { class: 'muted' },
        ` started ${when(j.created_at)}${j.finished_at ? `, finished ${when(j.finished_at)}` : ''}`,
      ),
    ),
    progress(j),
    j.error ? h('p', { class: 'bad' }, `${j.error.message} (${j.error.code})`) : null,
    j.errors.length > 0
      ? h(
          'details',
          {},
          h('summary', {}, `Malformed lines (${j.errors.length} shown)`),
          table(
            [
              ['line', (e) => String(e.line), 'num'],
              ['reason', (e) => e.reason, 'wrap'],
            ],
            j.errors,
          ),
        )
      : null,
    j.summary
      ? h(
          'p',
          {},
          `${num(j.summary.accounts)} accounts: ${Object.entries(j.summary.flagged_by_level)
            .map(([l, n]) => `${l} ${num(n)}`)
            .join(
              ', ',
            )}; ${num(j.summary.clusters)} clusters; ${num(j.summary.events_per_s)} events/s over ${num(j.summary.duration_s)} s.`,
        )
      : null,
    j.state === 'completed' ? downloadButton(j) : null,
  );
}

export async function renderJobs(ctx) {
  const ids = jobIds();
  const jobs = await Promise.all(
    ids.map(async (id) => (await apiOptional(`/v1/jobs/${enc(id)}`)) ?? { id, missing: true }),
  );
  if (jobs.some((j) => j.state === 'queued' || j.state === 'running')) ctx.refreshIn(1000);
  return h(
    'div',
    { class: 'page jobs' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Rescore jobs')),
    section(
      'Start a rescore',
      startForm(ctx),
      h(
        'p',
        { class: 'muted' },
        "Re-scores every account in a history with the current models. Upload the file, or name one already in the service's data directory.",
      ),
    ),
    section(
      'Jobs started from this tab',
      jobs.length > 0 ? h('div', { id: 'jobs' }, jobs.map(jobCard)) : empty('None yet.'),
    ),
  );
}
