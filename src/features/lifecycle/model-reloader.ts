/**
 * Hot reload: follows `promoted` events on Redis pub/sub and swaps the live classifier to the
 * promoted version. After a dropped subscription it re-reads the current pointer, since events
 * published meanwhile were lost.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import type { LiveClassifier } from '../classify/live-classifier.js';
import { subscribeModelEvents, type ModelEventSubscription } from './model-events.js';

export interface ModelReloaderOptions {
  redis: Redis;
  channel: string;
  /** Follows `current`: its loader resolves `current` to the version current.json names. */
  live: LiveClassifier;
  logger: Logger;
}

export async function startModelReloader(opts: ModelReloaderOptions): Promise<ModelEventSubscription> {
  const { live, logger } = opts;
  const swapTo = (version: string, why: string) => {
    if (version === live.version) return;
    logger.info({ from: live.version, to: version, why }, 'switching model');
    live
      .swap(version)
      .catch((err: unknown) =>
        logger.error({ err: (err as Error).message, version }, 'model swap failed; the previous version stays live'),
      );
  };
  const sub = await subscribeModelEvents(
    opts.redis,
    opts.channel,
    {
      onEvent: (event) => swapTo(event.version, 'promoted'),
      onReconnect: () => swapTo('current', 'resync after reconnect'),
    },
    logger,
  );
  logger.info({ channel: opts.channel, model: live.version }, 'following model promotions');
  return sub;
}
