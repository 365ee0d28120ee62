/** A run's status as `GET /v1/jobs/:id` reports it, read from the run's meta hash. */
import type { Redis } from 'ioredis';
import { RESCORE_STATES, RescoreSummary, type RescoreJobStatus, type RescoreState } from '../../contracts/rescore.js';
import type { LineError } from './part-result.js';
import { runKeys } from './run-keys.js';

const num = (v: string | undefined): number => (v === undefined || v === '' ? 0 : Number(v));

function parseJson<T>(raw: string | undefined): T | null {
  if (raw === undefined || raw === '') return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export async function readRunStatus(
  redis: Redis,
  prefix: string,
  runId: string,
  now = Date.now(),
): Promise<RescoreJobStatus | undefined> {
  const m = await redis.hgetall(runKeys(prefix, runId).meta);
  if (m.state === undefined) return undefined;
  const state = (RESCORE_STATES as readonly string[]).includes(m.state) ? (m.state as RescoreState) : 'failed';
  const partsTotal = m.chunks_total === undefined ? null : num(m.chunks_total);
  const partsDone = num(m.chunks_done);
  const totalBytes = num(m.total_bytes);
  let fraction =
    state === 'completed'
      ? 1
      : partsTotal !== null && partsTotal > 0
        ? partsDone / partsTotal
        : totalBytes > 0
          ? num(m.bytes_done) / totalBytes
          : 0;
  fraction = Math.min(1, Math.max(0, fraction));
  const summary = parseJson<unknown>(m.summary);
  const parsedSummary = summary === null ? null : RescoreSummary.safeParse(summary);
  const events = num(m.events);
  const elapsedS =
    m.started_ms !== undefined
      ? Math.max(0.001, ((state === 'running' ? now : num(m.updated_ms) || now) - num(m.started_ms)) / 1000)
      : 0;
  const rate = parsedSummary?.success === true ? parsedSummary.data.events_per_s : elapsedS > 0 ? events / elapsedS : 0;
  const eta =
    state === 'running' && fraction > 0 ? (elapsedS * (1 - fraction)) / fraction : state === 'completed' ? 0 : null;
  return {
    id: runId,
    state,
    input: m.input ?? '',
    output: m.output ?? '',
    progress: {
      fraction: Math.round(fraction * 1e4) / 1e4,
      chunks_done: partsDone,
      chunks_total: partsTotal,
      lines: num(m.lines),
      events,
      malformed: num(m.malformed),
      events_per_s: Math.round(rate),
      eta_s: eta === null ? null : Math.round(eta),
    },
    errors: parseJson<LineError[]>(m.errors) ?? [],
    summary: parsedSummary?.success === true ? parsedSummary.data : null,
    error: parseJson<{ code: string; message: string }>(m.error),
    created_at: m.created_at ?? new Date(now).toISOString(),
    finished_at: m.finished_at === undefined || m.finished_at === '' ? null : m.finished_at,
  };
}
