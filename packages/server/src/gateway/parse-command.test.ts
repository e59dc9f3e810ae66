import { describe, expect, it } from 'vitest';
import { parseCommand, parseSince } from './parse-command.js';

describe('parseCommand', () => {
  it('accepts the protocol commands, bare channel strings included', () => {
    expect(
      parseCommand({ op: 'subscribe', id: 3, channels: ['a', { channel: 'b', maxRateMs: 250 }] }),
    ).toEqual({
      op: 'subscribe',
      id: 3,
      channels: [{ channel: 'a' }, { channel: 'b', maxRateMs: 250 }],
    });
    expect(parseCommand({ op: 'unsubscribe', channels: ['a', { channel: 'b' }] })).toEqual({
      op: 'unsubscribe',
      id: undefined,
      channels: ['a', 'b'],
    });
    expect(parseCommand({ op: 'pong', t: 5 })).toEqual({ op: 'pong', t: 5 });
  });

  it.each([
    [null, 'MALFORMED_MESSAGE'],
    [[1, 2], 'MALFORMED_MESSAGE'],
    [{ op: 'fly' }, 'UNKNOWN_COMMAND'],
    [{ op: 'subscribe', channels: [] }, 'BAD_REQUEST'],
    [{ op: 'subscribe', channels: 'a' }, 'BAD_REQUEST'],
    [{ op: 'ping' }, 'BAD_REQUEST'],
    [{ op: 'ping', t: 1, id: 'x' }, 'BAD_REQUEST'],
    [{ op: 'auth', token: '' }, 'BAD_REQUEST'],
  ])('refuses %j with %s', (value, code) => {
    expect(parseCommand(value)).toMatchObject({ error: { code } });
  });

  it('reads a recovery position', () => {
    expect(parseSince(undefined)).toBeUndefined();
    expect(parseSince({ epoch: 'e', seq: 4 })).toEqual({ epoch: 'e', seq: 4 });
    expect(parseSince({ epoch: 'e', seq: -1 })).toBe(false);
    expect(parseSince({ epoch: 3, seq: 1 })).toBe(false);
  });
});
