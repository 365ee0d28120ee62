/**
 * Serves the analyst dashboard (`web/dashboard/`, static HTML + CSS + ES modules, no build step)
 * at `/dashboard/`. The pages are public; every API call they make carries the analyst's key.
 * A strict Content-Security-Policy allows only the service's own scripts and styles.
 */
import path from 'node:path';
import express, { type Router } from 'express';
import { packageRoot } from '../../util/package-root.js';

export const DASHBOARD_PATH = '/dashboard';
export const dashboardDir = (): string => path.join(packageRoot(), 'web', 'dashboard');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function dashboardStatic(dir: string = dashboardDir()): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  // `/dashboard` → `/dashboard/` so the page's relative asset URLs resolve.
  router.get('/', (req, res, next) => {
    if (req.originalUrl === DASHBOARD_PATH) res.redirect(301, `${DASHBOARD_PATH}/`);
    else next();
  });
  // Revalidated on every load (ETag → 304), so a new version is never mixed with cached modules.
  router.use(express.static(dir, { index: 'index.html', fallthrough: true, maxAge: 0, redirect: false }));
  return router;
}
