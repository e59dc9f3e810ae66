import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../data/live-data.js';
import { connectionView } from './connection-view.js';

const info = (state: ConnectionInfo['state'], extra: Partial<ConnectionInfo> = {}): ConnectionInfo => ({
  state,
  rttMs: undefined,
  offlineSince: undefined,
  everConnected: false,
  ...extra,
});

describe('connectionView', () => {
  it('is green with the RTT when connected', () => {
    const view = connectionView(
      info({ status: 'connected', reason: { type: 'welcome', session: 's' }, session: 's' }, { rttMs: 3.4 }),
      0,
    );
    expect(view).toMatchObject({ tone: 'ok', label: 'Live · 3 ms', canReconnect: false });
  });

  it('is amber with a countdown, rounded up, while reconnecting', () => {
    const state = {
      status: 'reconnecting' as const,
      reason: { type: 'close' as const, code: 1006, text: '' },
      attempt: 2,
      delayMs: 2500,
      retryAt: 10_000,
    };
    const view = connectionView(info(state), 7_600);
    expect(view.tone).toBe('warn');
    expect(view.label).toBe('Retry in 3 s');
    expect(view.detail).toContain('Cannot reach the server');
    expect(view.canReconnect).toBe(true);
  });

  it('is red with the reason when the server refused the client', () => {
    const state = {
      status: 'disconnected' as const,
      reason: { type: 'close' as const, code: 4501, text: 'bad token' },
    };
    const view = connectionView(info(state, { offlineSince: 0 }), 65_000);
    expect(view.tone).toBe('bad');
    expect(view.label).toBe('Sign-in needed');
    expect(view.detail).toContain('4501');
    expect(view.detail).toContain('1 min');
  });
});
