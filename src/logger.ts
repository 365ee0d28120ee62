import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Fields never written even if a log call passes them by mistake: prompt text, request bodies,
 * credentials. Requests are logged by route template, status and request id (see access-log).
 */
export const REDACTED_PATHS = [
  'prompt',
  '*.prompt',
  'input',
  '*.input',
  'body',
  '*.body',
  'err.body',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
];

/** JSON logs on stdout (or the given destination). Prompt text is never logged anywhere in the service. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'distill-guard' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination,
  );
}
