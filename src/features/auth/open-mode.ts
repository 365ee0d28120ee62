import { isIP } from 'node:net';
import { invalidConfig } from '../../errors.js';

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, ::ffff:127.x, `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || /^(0:){7}1$/.test(h);
  return false;
}

/** Without API keys the service may only listen on a loopback address; anything else is refused. */
export function assertOpenModeAllowed(host: string): void {
  if (isLoopbackHost(host)) return;
  throw invalidConfig(
    `No API keys are configured and HOST=${host} is not a loopback address: refusing to serve the API to the network without authentication.\n` +
      '  Set DISTILL_GUARD_API_KEYS (role:key,role:key) or DISTILL_GUARD_API_KEYS_FILE, or listen on 127.0.0.1.',
  );
}

export const OPEN_MODE_WARNING =
  'NO API KEYS CONFIGURED: every route is open to any caller on this machine (loopback only). Set DISTILL_GUARD_API_KEYS or DISTILL_GUARD_API_KEYS_FILE before exposing the service.';
