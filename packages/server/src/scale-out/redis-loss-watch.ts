/**
 * Notices that Redis came back without its data (a restart without persistence, a failover to an
 * empty replica): a marker key written at start is gone after a reconnect. The collector then writes
 * the live state again (candle rings from history, every retained value), so that gateways' snapshots
 * are whole again. Publications get new epochs by themselves (the broker's rule), so clients resync.
 * @module
 */
import type { Redis } from 'ioredis';

export interface RedisLossWatch {
  /** Stop watching. */
  stop(): void;
}

export async function watchRedisLoss(
  redis: Redis,
  markerKey: string,
  onLost: () => Promise<void>,
  onError: (err: unknown) => void,
): Promise<RedisLossWatch> {
  const marker = `${process.pid}-${Date.now()}`;
  await redis.set(markerKey, marker);
  let running: Promise<void> | undefined;
  const check = () => {
    running ??= (async () => {
      try {
        if ((await redis.exists(markerKey)) === 0) {
          await onLost();
          await redis.set(markerKey, marker);
        }
      } catch (err) {
        onError(err);
      } finally {
        running = undefined;
      }
    })();
  };
  redis.on('ready', check);
  return { stop: () => redis.off('ready', check) };
}
