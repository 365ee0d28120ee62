/**
 * Route parameters checked against their contract (src/contracts/identifiers.ts): the router has
 * already decoded them (a malformed encoding never gets this far, see middleware/path-encoding.ts);
 * a value the contract refuses is 400 `invalid_request` naming the parameter, never echoing it.
 */
import type { z } from 'zod';
import { invalidRequest } from '../errors.js';

export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'id');
  throw invalidRequest(`Invalid ${name} in the path.`, [{ path: name, message: issue?.message ?? 'invalid' }]);
}
