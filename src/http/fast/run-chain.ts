/**
 * Runs middleware the way Express's router does for one matched route: in order, `next()` to go
 * on, `next(err)` (or a throw, or a rejected promise) to skip to the error handler; an error
 * after the answer started ends the connection, as Express's final handler does.
 */
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';

export function runChain(
  handlers: readonly RequestHandler[],
  onError: ErrorRequestHandler,
  req: Request,
  res: Response,
): void {
  let i = 0;
  const finalError = (): void => {
    req.socket.destroy();
  };
  const fail = (err: unknown): void => {
    try {
      const ret: unknown = onError(err, req, res, finalError);
      if (ret instanceof Promise) ret.then(undefined, finalError);
    } catch {
      finalError();
    }
  };
  const next: NextFunction = (err?: unknown) => {
    if (err) {
      fail(err);
      return;
    }
    const handler = handlers[i++];
    if (handler === undefined) return;
    try {
      const ret: unknown = handler(req, res, next);
      if (ret instanceof Promise) ret.then(undefined, (e: unknown) => next(e || new Error('Rejected promise')));
    } catch (e) {
      next(e);
    }
  };
  next();
}
