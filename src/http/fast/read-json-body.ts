/**
 * The fast path's JSON body reader, in place of `express.json` and answering the same way: the
 * same size limit (413 before reading when `Content-Length` is over it, or as soon as a chunked
 * body passes it; the rest of the body is read off before the answer, as body-parser does), the
 * same byte checks (`verifyJsonBytes`), a leading BOM dropped, an empty body read as `{}`, and
 * failures raised with body-parser's error `type`s so the one error handler maps them. Only
 * requests the fast path admits reach it: UTF-8 JSON, no `Content-Encoding`, a numeric
 * `Content-Length` or a chunked body.
 */
import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream';
import type { RequestHandler } from 'express';
import { verifyJsonBytes, type JsonBodyLimits } from '../middleware/json-body.js';

/** An error as body-parser raises it: the error handler maps it by `type`. */
const bodyError = (status: number, type: string, message: string): Error =>
  Object.assign(new Error(message), { status, statusCode: status, expose: true, type });

/** Reads off what is left of the request, then calls back (body-parser answers only after that). */
function drain(req: IncomingMessage, callback: () => void): void {
  if (req.complete) {
    callback();
    return;
  }
  finished(req, () => callback());
  req.resume();
}

export function readJsonBody(limits: JsonBodyLimits): RequestHandler {
  const verify = verifyJsonBytes(limits);
  return (req, _res, next) => {
    const declared = req.headers['content-length'];
    const length = declared === undefined ? undefined : Number(declared);
    if (length !== undefined && length > limits.maxBytes) {
      drain(req, () => next(bodyError(413, 'entity.too.large', 'request entity too large')));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) {
        cleanup();
        drain(req, () => next(bodyError(413, 'entity.too.large', 'request entity too large')));
        return;
      }
      chunks.push(chunk);
    };
    const onError = () => {
      cleanup();
      next(bodyError(400, 'request.aborted', 'request aborted'));
    };
    const onEnd = () => {
      cleanup();
      if (length !== undefined && received !== length) {
        next(bodyError(400, 'request.size.invalid', 'request size did not match content length'));
        return;
      }
      const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
      try {
        verify(buf, 'utf-8');
      } catch (err) {
        next(err);
        return;
      }
      let text = buf.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      try {
        req.body = text.length === 0 ? {} : (JSON.parse(text) as unknown);
      } catch (err) {
        next(Object.assign(err as Error, { status: 400, statusCode: 400, expose: true, type: 'entity.parse.failed' }));
        return;
      }
      next();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}
