/**
 * Model lifecycle events on Redis pub/sub. `distill-guard promote` publishes a `promoted` event
 * after moving `current.json`; every API server and worker holding a prompt model subscribes
 * and swaps to the promoted version between micro-batches.
 */
import type { Redis } from 'ioredis';
import { duplicateClient } from '../../redis/cluster.js';
import { z } from 'zod';
import type { Logger } from '../../logger.js';

export const DEFAULT_MODEL_CHANNEL = 'distill-guard:models';

export const ModelEvent = z.object({
  type: z.literal('promoted'),
  version: z.string().min(1),
  previous: z.string().nullable(),
  at: z.string(),
});
export type ModelEvent = z.infer<typeof ModelEvent>;

/** Publishes an event; resolves with the number of subscribers that received it. */
export function publishModelEvent(redis: Redis, channel: string, event: ModelEvent): Promise<number> {
  return redis.publish(channel, JSON.stringify(event));
}

export interface ModelEventSubscription {
  close(): Promise<void>;
}

/**
 * Subscribes on a dedicated connection (a subscribed connection can run no other command).
 * `onReconnect` runs when the connection comes back after a drop, since events published while
 * it was down are lost: the caller re-reads the current pointer then.
 */
export async function subscribeModelEvents(
  redis: Redis,
  channel: string,
  handlers: { onEvent: (event: ModelEvent) => void; onReconnect?: () => void },
  logger: Logger,
): Promise<ModelEventSubscription> {
  const sub = duplicateClient(redis, { lazyConnect: true });
  sub.on('error', (err: Error) => logger.warn({ err: err.message, channel }, 'model event subscription error'));
  await sub.connect();
  await sub.subscribe(channel);
  // Attached after the first connect: every later `ready` is a reconnect (ioredis re-subscribes).
  sub.on('ready', () => handlers.onReconnect?.());
  sub.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return;
    let parsed: z.ZodSafeParseResult<ModelEvent>;
    try {
      parsed = ModelEvent.safeParse(JSON.parse(raw));
    } catch {
      logger.warn({ channel, raw: raw.slice(0, 200) }, 'ignored a model event that is not JSON');
      return;
    }
    if (!parsed.success) {
      logger.warn({ channel, raw: raw.slice(0, 200) }, 'ignored a malformed model event');
      return;
    }
    handlers.onEvent(parsed.data);
  });
  return {
    async close() {
      sub.removeAllListeners('ready');
      await sub.quit().catch(() => sub.disconnect());
    },
  };
}
