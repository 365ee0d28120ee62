import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from '../logger.js';
import { fastPathOf } from './fast/fast-path.js';

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  /** Stops accepting connections and waits for in-flight requests, at most `graceMs`; then drops what is left. */
  close(graceMs?: number): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one); the app's fast path, if it has one, answers first. */
export async function startServer(
  app: Express,
  opts: { host: string; port: number; logger: Logger },
): Promise<RunningServer> {
  const fast = fastPathOf(app);
  const server = createServer(
    fast === undefined
      ? app
      : (req, res) => {
          if (!fast(req, res)) void app(req, res);
        },
  );
  server.listen(opts.port, opts.host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([err]) => {
      throw err;
    }),
  ]);
  // Keep-alive sockets must not outlive a client that went quiet.
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  opts.logger.info({ url }, 'listening');

  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        opts.logger.warn({ graceMs }, 'in-flight requests did not finish in time; closing their connections');
        server.closeAllConnections();
      }, graceMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { server, url, port, close };
}
