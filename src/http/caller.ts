/**
 * Who is calling: set by the auth middleware on every route that needs a role, as
 * `res.locals.caller = { keyId, role }`. Handlers read it with `callerOf(req)` (for example to
 * record which analyst gave a verdict). The key id is a non-secret digest prefix, never the key.
 */
import type { Request, Response } from 'express';
import type { Caller } from '../features/auth/api-keys.js';

export type { Caller };

/** The caller of a request, or undefined on a public route. */
export function callerOf(req: Request): Caller | undefined {
  return callerOfResponse(req.res);
}

export function callerOfResponse(res: Response | undefined): Caller | undefined {
  const caller: unknown = res?.locals.caller;
  if (typeof caller !== 'object' || caller === null) return undefined;
  const { keyId, role } = caller as Partial<Caller>;
  return typeof keyId === 'string' && typeof role === 'string' ? { keyId, role } : undefined;
}
