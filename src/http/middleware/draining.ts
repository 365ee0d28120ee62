import type { RequestHandler } from 'express';

/**
 * While draining, every answer closes its connection: a keep-alive client would otherwise keep
 * sending on it and the server could never finish closing.
 */
export function closeWhenDraining(state: { draining: boolean }): RequestHandler {
  return (_req, res, next) => {
    if (state.draining) res.setHeader('Connection', 'close');
    next();
  };
}
