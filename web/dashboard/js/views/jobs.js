import { api, ApiError, apiOptional, enc } from '../api.js';
import { empty, h, num, pct, section, table, when } from '../dom.js';

// Ids of the jobs started from this tab (ids only; the file paths stay in request bodies).
const JOBS_KEY = 'distill-guard.rescore-jobs';
const jobIds = () => JSON.parse(sessionStorage.getItem(JOBS_KEY) ?? '[]');
const remember = (id) => sessionStorage.setItem(JOBS_KEY, JSON.stringify([id, ...jobIds().filter((x) => x !== id)].slice(0, 20)));

function startForm(ctx) {
  const input = h('input', { id: 'rescore-input', name: 'input_path', required: true, placeholder: '/data/history.jsonl', spellcheck: 'false' });
  const output = h('input', { id: 'rescore-output', name: 'output_path', placeholder: 'default: under RESCORE_DIR', spellcheck: 'false' });
  const status = h('p', { class: 'muted', id: 'rescore-status' });
  const form = h(
    'form',
    { class: 'form', id: 'rescore-form' },
    h('label', {}, 'History file (JSONL or .gz) on the service host', input),
    h('label', {}, 'Output file (optional)', output),
    h('button', { type: 'submit' }, 'Start rescore'),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.textContent = 'Starting…';
    try {
      const body = { input_path: input.value.trim() };
      if (output.value.trim()) body.output_path = output.value.trim();
      const accepted = await api('/v1/rescore', { method: 'POST', body });
      remember(accepted.id);
      await ctx.rerender();
    } catch (err) {
      status.textContent = err instanceof ApiError ? `Not started: ${err.message} (${err.code})` : String(err);
    }
  });
  return form;
}

function progress(j) {
  const p = j.progress;
  return h(
    'div',
    { class: 'job-progress' },
    h('div', { class: 'progress' }, h('div', { class: `progress-bar state-${j.state}`, style: `width:${Math.round(p.fraction * 100)}%` })),
    h('span', {}, `${pct(p.fraction)} · ${num(p.lines)} lines · ${num(p.events)} events · ${num(p.events_per_s)} events/s${p.eta_s !== null && j.state === 'running' ? ` · ETA ${Math.round(p.eta_s)} s` : ''}${p.malformed > 0 ? ` · ${p.malformed} malformed` : ''}`),
  );
}

function jobCard(j) {
  if (j.missing) return h('div', { class: 'job card' }, h('p', {}, `Job ${j.id}: no longer known to the service.`));
  return h(
    'div',
    { class: 'job card', 'data-job': j.id },
    h('p', {}, h('strong', {}, `Job ${j.id}`), ' ', h('span', { class: `badge state-${j.state}` }, j.state), h('span', { class: 'muted' }, ` started ${when(j.created_at)}${j.finished_at ? `, finished ${when(j.finished_at)}` : ''}`)),
    h('p', { class: 'muted' }, `${j.input} → ${j.output}`),
    progress(j),
    j.error ? h('p', { class: 'bad' }, `${j.error.message} (${j.error.code})`) : null,
    j.errors.length > 0 ? h('details', {}, h('summary', {}, `Malformed lines (${j.errors.length} shown)`), table([['line', (e) => String(e.line), 'num'], ['reason', (e) => e.reason, 'wrap']], j.errors)) : null,
    j.summary
      ? h('p', {}, `${num(j.summary.accounts)} accounts: ${Object.entries(j.summary.flagged_by_level).map(([l, n]) => `${l} ${num(n)}`).join(', ')}; ${num(j.summary.clusters)} clusters; ${num(j.summary.events_per_s)} events/s over ${num(j.summary.duration_s)} s.`)
      : null,
  );
}

export async function renderJobs(ctx) {
  const ids = jobIds();
  const jobs = await Promise.all(ids.map(async (id) => (await apiOptional(`/v1/jobs/${enc(id)}`)) ?? { id, missing: true }));
  if (jobs.some((j) => j.state === 'queued' || j.state === 'running')) ctx.refreshIn(1000);
  return h(
    'div',
    { class: 'page jobs' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Rescore jobs')),
    section('Start a rescore', startForm(ctx), h('p', { class: 'muted' }, 'Re-scores every account in a history file with the current models; the file must be readable by the service.')),
    section('Jobs started from this tab', jobs.length > 0 ? h('div', { id: 'jobs' }, jobs.map(jobCard)) : empty('None yet.')),
  );
}
