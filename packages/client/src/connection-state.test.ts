import { describe, expect, it } from 'vitest';
import { describeReason, describeState } from './connection-state.js';

describe('describeReason / describeState', () => {
  it('says why in plain words', () => {
    expect(describeReason({ type: 'initial' })).toBe('not connected yet');
    expect(describeReason({ type: 'user', action: 'close' })).toBe('close() called');
    expect(describeReason({ type: 'retry' })).toBe('retrying');
    expect(describeReason({ type: 'welcome', session: 's1' })).toBe('session s1');
    expect(describeReason({ type: 'close', code: 4501, text: 'bad token' })).toBe('closed 4501 (bad token)');
    expect(describeReason({ type: 'close', code: 1006, text: '' })).toBe('closed 1006');
    expect(describeReason({ type: 'network', message: 'ECONNREFUSED' })).toBe('network error: ECONNREFUSED');
    expect(describeReason({ type: 'timeout', what: 'handshake' })).toMatch(/welcome/);
    expect(describeReason({ type: 'timeout', what: 'heartbeat' })).toBe('heartbeat timeout');
  });

  it('shows the countdown while reconnecting', () => {
    const reason = { type: 'close', code: 1006, text: '' } as const;
    const s = { status: 'reconnecting', reason, attempt: 2, delayMs: 1500, retryAt: 11_500 } as const;
    expect(describeState(s, 10_300)).toBe('reconnecting in 1.2 s (attempt 2): closed 1006');
    expect(describeState(s, 20_000)).toBe('reconnecting in 0.0 s (attempt 2): closed 1006');
    expect(
      describeState({ status: 'connected', reason: { type: 'welcome', session: 'a' }, session: 'a' }, 0),
    ).toBe('connected: session a');
  });
});
