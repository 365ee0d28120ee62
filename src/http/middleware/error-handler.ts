import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, invalidJson, notFound, payloadTooLarge, toAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';

/** Errors raised by the JSON body parser carry a `type` and a `status`. */
function fromBodyParser(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  const { type } = err as { type: unknown };
  switch (type) {
    case 'entity.too.large':
      return payloadTooLarge('Request body is larger than the configured limit.');
    case 'entity.parse.failed':
      return invalidJson();
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Unsupported request body encoding.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError(400, 'invalid_request', 'Request body was incomplete.');
    default:
      return undefined;
  }
}

/**
 * Client errors raised by Express or its router carry a 4xx `status` (`http-errors`): answered
 * with that status and a fixed message, since theirs may quote the raw request.
 */
function fromHttpError(err: unknown): AppError | undefined {
  if (err instanceof AppError || typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  if (code === undefined || code < 400 || code > 499) return undefined;
  return new AppError(code, code === 400 ? 'invalid_request' : `http_${code}`, 'The request could not be processed.');
}

/** ioredis failures that mean Redis did not answer (not a fault of the request): 503, retry later. */
const REDIS_UNAVAILABLE =
  /^(Command timed out|Connection is closed\.|Stream isn't writeable|Reached the max retries per request limit)/;

function fromRedisUnavailable(err: unknown): AppError | undefined {
  if (!(err instanceof Error) || err instanceof AppError || !REDIS_UNAVAILABLE.test(err.message)) return undefined;
  return new AppError(503, 'redis_unavailable', 'Redis did not answer in time; retry shortly.', undefined, {
    cause: err,
  });
}

/** Unknown routes: JSON 404. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(notFound(`No route for ${req.method} ${req.path}.`));
  };
}

/** The one error handler: every failure becomes `{ error: { code, message, details? } }`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = fromBodyParser(err) ?? fromHttpError(err) ?? fromRedisUnavailable(err) ?? toAppError(err);
    res.locals.errorCode = appError.code;
    if (appError.code === 'redis_unavailable') {
      res.setHeader('retry-after', '1');
      logger.warn(
        { err: (err as Error).message, requestId: res.locals.requestId as string | undefined },
        'redis unavailable',
      );
    } else if (appError.status >= 500) {
      logger.error({ err, requestId: res.locals.requestId as string | undefined }, 'unhandled error');
    }
    res.status(appError.status).json(appError.toJSON());
  };
}
