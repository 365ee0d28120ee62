import { AppError } from '../../errors.js';

/** Rejects with `deadline_exceeded` when `promise` has not settled within `ms` (the work itself is not cancelled). */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError(503, 'deadline_exceeded', `${what} did not finish within ${ms} ms`)),
      ms,
    );
  });
  // A late rejection of the abandoned work must not become an unhandled rejection.
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
