/**
 * Without API keys the service answers only requests whose `Host` names a loopback address
 * (`localhost`, 127.0.0.0/8, `[::1]`, any port). A web page that rebinds its own DNS name to
 * 127.0.0.1 sends its own name as `Host` and is refused (403 `host_not_allowed`), so it cannot
 * use the open service from the browser of someone on this machine. With keys every host is
 * served: the key is what admits a caller.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import type { KeyStore } from '../../features/auth/key-store.js';
import { isLoopbackHost } from '../../features/auth/open-mode.js';

/** The host name of a `Host` header value (port and IPv6 brackets removed). */
export function hostName(header: string): string {
  const h = header.trim();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(1, end);
  }
  const colon = h.lastIndexOf(':');
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

export function loopbackHostOnly(keys: KeyStore | undefined): RequestHandler {
  return (req, _res, next) => {
    if (keys !== undefined && keys.configured) {
      next();
      return;
    }
    const host = req.get('host');
    if (host !== undefined && isLoopbackHost(hostName(host))) {
      next();
      return;
    }
    next(
      new AppError(
        403,
        'host_not_allowed',
        'Without API keys this service answers only requests addressed to a loopback host (localhost, 127.0.0.1, [::1]).',
      ),
    );
  };
}
