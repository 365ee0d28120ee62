import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** JSON logs on stdout (or the given destination). Prompt text is never logged anywhere in the service. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'distill-guard' } }, destination);
}
