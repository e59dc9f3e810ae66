/** How the history writer shows up in /ready and on the system channel. */
import type { DependencyStatus } from '@tickdeck/protocol';
import type { HistoryWriterStatus } from './history-writer.js';

const STATE = { ok: 'up', degraded: 'degraded', down: 'down' } as const;

/**
 * @example readiness: async () => [writerDependencyStatus('history', writer.status())]
 */
export function writerDependencyStatus(name: string, status: HistoryWriterStatus): DependencyStatus {
  const dropped = status.droppedCandles + status.droppedTrades;
  const parts = [`${status.buffered} buffered`, `${dropped} dropped`];
  if (status.state !== 'ok' && status.reason) parts.unshift(status.reason);
  return { name, state: STATE[status.state], detail: parts.join('; ') };
}
