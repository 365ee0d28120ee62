/**
 * Who gave a verdict or relabel. An authenticated caller's API key id wins; without one (no key,
 * or the service running without keys as `anonymous`), the `x-analyst-id` header, then the
 * body's `analyst` field, then "unknown".
 */
import type { Request } from 'express';
import { invalidRequest } from '../errors.js';
import { callerOf } from './caller.js';

const ANALYST_ID = /^[^\s\p{C}][^\p{C}]{0,127}$/u;

export function analystOf(req: Request, bodyAnalyst?: string): string {
  const caller = callerOf(req);
  if (caller !== undefined && caller.keyId !== 'anonymous') return caller.keyId;
  const header = req.get('x-analyst-id')?.trim();
  const claimed = header !== undefined && header !== '' ? header : bodyAnalyst?.trim();
  if (claimed === undefined || claimed === '') return 'unknown';
  if (!ANALYST_ID.test(claimed))
    throw invalidRequest('Invalid analyst id.', [
      { path: 'x-analyst-id', message: 'expected 1 to 128 printable characters' },
    ]);
  return claimed;
}
