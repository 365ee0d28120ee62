/**
 * The one error type of the service. Every failure that reaches a client, the CLI or a job
 * carries an HTTP-style status, a machine-readable snake_case code and a human message.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[] | undefined;

  constructor(status: number, code: string, message: string, details?: readonly ErrorDetail[], options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The body sent to HTTP clients: `{ error: { code, message, details? } }`. */
  toJSON(): { error: { code: string; message: string; details?: readonly ErrorDetail[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details !== undefined ? { details: this.details } : {}),
      },
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export const invalidRequest = (message: string, details?: readonly ErrorDetail[]): AppError =>
  new AppError(400, 'invalid_request', message, details);

export const invalidJson = (message = 'Request body is not valid JSON.'): AppError =>
  new AppError(400, 'invalid_json', message);

export const payloadTooLarge = (
  message: string,
  code = 'payload_too_large',
  details?: readonly ErrorDetail[],
): AppError => new AppError(413, code, message, details);

export const notFound = (message = 'Not found.'): AppError => new AppError(404, 'not_found', message);

export const notReady = (message: string, details?: readonly ErrorDetail[]): AppError =>
  new AppError(503, 'not_ready', message, details);

export const invalidConfig = (message: string, details?: readonly ErrorDetail[]): AppError =>
  new AppError(500, 'invalid_config', message, details);

/** Wraps anything thrown into an AppError; unknown failures become a 500 without leaking internals. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError(500, 'internal_error', 'Internal server error.', undefined, { cause: err });
}

/** Formats zod-style issues (path array + message) as error details. */
export function issuesToDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.map((p) => String(p)).join('.'),
    message: issue.message,
  }));
}
