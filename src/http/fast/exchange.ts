/**
 * A raw `node:http` request/response pair made usable by the service's Express middleware without
 * Express's per-request setup (no prototype swap, no router): the request gets Express's own
 * `get`, the response `locals`, Express's own `status`, and a `json` that writes what Express's
 * `res.json` writes (`Content-Type: application/json; charset=utf-8`, `Content-Length`) except
 * the ETag, which a POST answer does not need. Only the members the guards, the classify and
 * moderations handlers and the error handler use are provided; the fast-path parity test checks
 * that nothing else is reached.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response } from 'express';

const getHeader = express.request.get;
const setStatus = express.response.status;

function json(this: ServerResponse, body: unknown): ServerResponse {
  const text = JSON.stringify(body);
  if (!this.hasHeader('content-type')) this.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (!this.hasHeader('transfer-encoding')) this.setHeader('Content-Length', String(Buffer.byteLength(text)));
  this.end(text);
  return this;
}

export interface Exchange {
  req: Request;
  res: Response;
}

export function toExchange(req: IncomingMessage, res: ServerResponse): Exchange {
  const r = req as IncomingMessage & Record<string, unknown>;
  const s = res as ServerResponse & Record<string, unknown>;
  r.get = getHeader;
  r.res = res;
  s.locals = Object.create(null) as Record<string, unknown>;
  s.status = setStatus;
  s.json = json;
  return { req: r as unknown as Request, res: s as unknown as Response };
}
