/**
 * What the connection indicator shows for a connection state. Pure.
 * @module
 */
import type { ConnectionInfo } from '../data/live-data.js';
import { classifyReason } from '../errors/classify-error.js';
import { formatAge } from '../format/format.js';

export type Tone = 'ok' | 'warn' | 'bad';

export interface ConnectionView {
  tone: Tone;
  /** Short label beside the dot, e.g. `Live · 3 ms`. */
  label: string;
  /** Longer text for the tooltip and screen readers. */
  detail: string;
  /** Whether the reconnect button makes sense. */
  canReconnect: boolean;
}

/** The view of `info` at clock time `now` (ms). */
export const connectionView = (info: ConnectionInfo, now: number): ConnectionView => {
  const { state } = info;
  switch (state.status) {
    case 'connected': {
      const rtt = info.rttMs === undefined ? '' : ` · ${Math.round(info.rttMs)} ms`;
      return {
        tone: 'ok',
        label: `Live${rtt}`,
        detail: 'Connected to tickdeck, receiving live data.',
        canReconnect: false,
      };
    }
    case 'connecting':
      return {
        tone: 'warn',
        label: state.attempt > 0 ? `Reconnecting (try ${state.attempt})` : 'Connecting…',
        detail: 'Opening the connection to tickdeck.',
        canReconnect: false,
      };
    case 'reconnecting': {
      const secs = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      const why = classifyReason(state.reason);
      return {
        tone: 'warn',
        label: `Retry in ${secs} s`,
        detail: `${why ? `${why.title}: ${why.detail}. ` : ''}Retrying in ${secs} s (attempt ${state.attempt}).`,
        canReconnect: true,
      };
    }
    case 'disconnected': {
      const why = classifyReason(state.reason);
      const since =
        info.offlineSince === undefined ? '' : ` Offline for ${formatAge(now - info.offlineSince)}.`;
      return {
        tone: 'bad',
        label: why ? why.title : 'Disconnected',
        detail: why ? `${why.advice} (${why.detail}).${since}` : `Not connected.${since}`,
        canReconnect: true,
      };
    }
  }
};
