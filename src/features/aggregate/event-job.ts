/** A gateway event with its prompt label becomes the queue job workers aggregate: cheap prompt signals included, prompt text only as a bounded sample. */
import type { AccountEventJob, GatewayEvent } from '../../contracts/events.js';
import { promptSample } from '../verdicts/prompt-samples.js';
import { promptSignals } from './prompt-signals.js';

export function toJob(e: GatewayEvent, label: AccountEventJob['label']): AccountEventJob {
  return {
    request_id: e.request_id,
    account_id: e.account_id,
    ts: Date.parse(e.timestamp),
    ip: e.metadata.ip,
    payment_fingerprint: e.metadata.payment_fingerprint,
    user_agent: e.metadata.user_agent,
    ...(e.metadata.org_id !== undefined ? { org_id: e.metadata.org_id } : {}),
    label,
    ...promptSignals(e.prompt),
    sample: promptSample(e.prompt),
  };
}
