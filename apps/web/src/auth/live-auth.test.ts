import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '@tickdeck/client';
import { liveAuth, refusedToken } from './live-auth.js';

const closed = (code: number): ConnectionState => ({
  status: 'disconnected',
  reason: { type: 'close', code, text: '' },
});

describe('liveAuth', () => {
  it('hands the SDK the session token and, on 4501, reports the refused one', async () => {
    const refused: string[] = [];
    const live = liveAuth({
      token: async () => 'tok-1',
      rejected: async (t) => (refused.push(t), 'tok-2'),
    });
    expect(await live.token()).toBe('tok-1');
    expect(await live.onState(closed(4501))).toBe(true);
    expect(refused).toEqual(['tok-1']);
  });

  it('says the session is over when no fresh token comes', async () => {
    const live = liveAuth({ token: async () => 'tok-1', rejected: async () => undefined });
    await live.token();
    expect(await live.onState(closed(4501))).toBe(false);
  });

  it('ignores other closes, and a 4501 when no token was sent', async () => {
    const live = liveAuth({ token: async () => undefined, rejected: async () => 'x' });
    expect(live.onState(closed(4004))).toBeUndefined();
    await live.token();
    expect(live.onState(closed(4501))).toBeUndefined();
  });
});

describe('refusedToken', () => {
  it('is a disconnection with 4501 only', () => {
    expect(refusedToken(closed(4501))).toBe(true);
    expect(refusedToken(closed(4503))).toBe(false);
    expect(
      refusedToken({
        status: 'reconnecting',
        reason: { type: 'close', code: 4004, text: '' },
        attempt: 1,
        delayMs: 1,
        retryAt: 1,
      }),
    ).toBe(false);
  });
});
