/**
 * The JSON body parser of routes that take a body, in front of their handler and behind auth,
 * so an unauthenticated caller never gets a body read. Rejects before any parsing work:
 * a content type other than JSON (415 `unsupported_media_type`), a charset other than UTF-8
 * (415), a body over the size limit (413 `payload_too_large`), nesting deeper than the depth
 * limit (400 `json_too_deep`, checked on the raw bytes before `JSON.parse`), bytes that are not
 * valid UTF-8 (400 `invalid_utf8`, never replaced silently); invalid JSON is 400 `invalid_json`.
 * Field types and lengths are the route's zod contract's job.
 */
import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { AppError } from '../../errors.js';

export interface JsonBodyLimits {
  maxBytes: number;
  maxDepth: number;
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Deepest nesting of arrays/objects in UTF-8 JSON text, scanning bytes once (strings skipped;
 * multi-byte UTF-8 sequences never contain these ASCII bytes). Stops early past `limit`.
 */
export function jsonDepth(buf: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return max;
}

const isJsonType = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return false;
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
};

/** 415 unless the request declares a JSON content type. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!isJsonType(req.get('content-type'))) {
    next(new AppError(415, 'unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".'));
    return;
  }
  next();
};

/** Checks a read body before it is parsed: UTF-8 charset, valid UTF-8 bytes, nesting depth. Throws an `AppError`. */
export function verifyJsonBytes(limits: JsonBodyLimits): (buf: Buffer, encoding: string | null) => void {
  return (buf, encoding) => {
    if (encoding !== 'utf-8' && encoding !== 'utf8') {
      throw new AppError(415, 'unsupported_media_type', 'JSON bodies must be UTF-8.');
    }
    if (!isUtf8(buf)) throw new AppError(400, 'invalid_utf8', 'The request body is not valid UTF-8.');
    const depth = jsonDepth(buf, limits.maxDepth);
    if (depth > limits.maxDepth) {
      throw new AppError(400, 'json_too_deep', `JSON nesting is deeper than ${limits.maxDepth} levels.`);
    }
  };
}

export function jsonBody(limits: JsonBodyLimits): RequestHandler[] {
  const verify = verifyJsonBytes(limits);
  const parse = express.json({
    limit: limits.maxBytes,
    strict: false,
    type: isJsonTypeRequest,
    verify: (_req, _res, buf, encoding) => verify(buf, encoding),
  });
  return [requireJson, parse];
}

function isJsonTypeRequest(req: { headers: Record<string, string | string[] | undefined> }): boolean {
  const type = req.headers['content-type'];
  return isJsonType(Array.isArray(type) ? type[0] : type);
}
