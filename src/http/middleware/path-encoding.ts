/**
 * Malformed percent-encoding in the path (`%FF`, `%E0`, an escaped lone surrogate) must not
 * reach the router, which would fail to decode the parameter before any auth check and answer
 * 500. This runs first: a path segment that does not decode has its `%` escaped, so the router
 * matches the route as usual and the route's own guards run (auth first); the route then answers
 * 400 `invalid_path_encoding` (`rejectBadPathEncoding`, mounted behind auth). The raw path is
 * never logged or echoed.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';

const decodes = (segment: string): boolean => {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
};

export function neutralizePathEncoding(): RequestHandler {
  return (req, res, next) => {
    const url = req.url;
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (!pathname.includes('%')) {
      next();
      return;
    }
    const segments = pathname.split('/');
    if (segments.every(decodes)) {
      next();
      return;
    }
    res.locals.badPathEncoding = true;
    req.url = segments.map((s) => (decodes(s) ? s : s.replace(/%/g, '%25'))).join('/') + (q < 0 ? '' : url.slice(q));
    next();
  };
}

/** Behind a route's auth: a path that did not decode is 400. */
export function rejectBadPathEncoding(): RequestHandler {
  return (_req, res, next) => {
    if (res.locals.badPathEncoding === true)
      next(new AppError(400, 'invalid_path_encoding', 'The path holds a malformed percent-encoding.'));
    else next();
  };
}
