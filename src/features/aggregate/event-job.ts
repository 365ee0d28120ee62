/** A gateway event with its prompt label becomes the queue job workers aggregate: cheap prompt signals included, prompt text only as a bounded sample. */
import type { AccountEventJob, GatewayEvent } from '../../contracts/events.js';
import { promptSample } from '../verdicts/prompt-samples.js';
import { promptSignals } from './prompt-signals.js';

/** The optional gateway fields of an event as job fields (absent stays absent; a creation time after the request counts as the request's). */
export function gatewayFields(
  e: GatewayEvent,
  ts: number,
): Pick<AccountEventJob, 'model' | 'access_path' | 'created_at' | 'signup_path'> {
  const m = e.metadata;
  return {
    ...(m.model !== undefined ? { model: m.model } : {}),
    ...(m.access_path !== undefined ? { access_path: m.access_path } : {}),
    ...(m.account_created_at !== undefined ? { created_at: Math.min(ts, Date.parse(m.account_created_at)) } : {}),
    ...(m.signup_path !== undefined ? { signup_path: m.signup_path } : {}),
  };
}

export function toJob(e: GatewayEvent, label: AccountEventJob['label']): AccountEventJob {
  const ts = Date.parse(e.timestamp);
  return {
    request_id: e.request_id,
    account_id: e.account_id,
    ts,
    ip: e.metadata.ip,
    payment_fingerprint: e.metadata.payment_fingerprint,
    user_agent: e.metadata.user_agent,
    ...(e.metadata.org_id !== undefined ? { org_id: e.metadata.org_id } : {}),
    ...gatewayFields(e, ts),
    label,
    ...promptSignals(e.prompt),
    sample: promptSample(e.prompt),
  };
}
