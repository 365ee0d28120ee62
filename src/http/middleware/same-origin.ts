/**
 * Cross-site request forgery guard of state-changing routes (every method but GET), behind auth:
 *
 * - a request from another origin is refused (403 `cross_origin_request`): `Sec-Fetch-Site`
 *   other than `same-origin`/`none`, or an `Origin` whose host is not the request's `Host`
 *   (a reverse proxy must pass `Host` through). Clients that are not browsers send neither.
 * - without an API key, a body in a type a page can send cross-site without a CORS preflight
 *   (`text/plain`, form, multipart) is refused (415): JSON, or any other type such as the
 *   dashboard's `application/octet-stream` upload, makes the browser ask first, and the
 *   service never grants cross-origin access.
 *
 * The dashboard's own requests are same-origin and pass.
 */
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import { presentedKey } from './auth.js';

/** Request content types browsers send cross-site without a preflight. */
const SIMPLE_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

const mimeOf = (contentType: string | undefined): string | undefined =>
  contentType === undefined ? undefined : contentType.split(';')[0]!.trim().toLowerCase();

const normalHost = (host: string): string | undefined => {
  try {
    return new URL(`http://${host}`).host;
  } catch {
    return undefined;
  }
};

/** Whether a browser sent this request from a page of another origin. */
export function isCrossOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.get('origin');
  if (origin === undefined) return false;
  let originHost: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
    originHost = url.host;
  } catch {
    return true;
  }
  const host = req.get('host');
  if (host === undefined) return true;
  const own = normalHost(host);
  return own === undefined || own !== originHost;
}

export const crossOriginRefused = (): AppError =>
  new AppError(403, 'cross_origin_request', 'Requests from a page of another origin are refused.');

export function sameOriginWrites(): RequestHandler {
  return (req, _res, next) => {
    if (isCrossOrigin(req)) {
      next(crossOriginRefused());
      return;
    }
    const key = presentedKey(req.get('authorization'), req.get('x-api-key'));
    const type = mimeOf(req.get('content-type'));
    if ((key === undefined || key === '') && type !== undefined && SIMPLE_TYPES.has(type)) {
      next(
        new AppError(
          415,
          'unsupported_media_type',
          `Without an API key this route does not take ${type} bodies: send JSON (or the upload as application/octet-stream).`,
        ),
      );
      return;
    }
    next();
  };
}
