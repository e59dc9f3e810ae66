import { describe, expect, it } from 'vitest';
import { ClientError, ClientErrorCode } from '@tickdeck/client';
import { ErrorCode } from '@tickdeck/protocol';
import { HttpError, NetworkError, classifyError, classifyReason } from './classify-error.js';

describe('classifyError', () => {
  it('sorts HTTP failures by status and problem code', () => {
    expect(classifyError(new HttpError(401, 'UNAUTHORIZED', 'no token')).category).toBe('authentication');
    expect(classifyError(new HttpError(403, undefined, 'role')).title).toBe('Not permitted');
    expect(classifyError(new HttpError(500, 'INTERNAL', 'boom')).category).toBe('server');
    expect(classifyError(new HttpError(502, undefined, 'bad gateway')).category).toBe('network');
    expect(classifyError(new HttpError(404, 'NOT_FOUND', 'Unknown symbol')).detail).toContain('NOT_FOUND');
  });

  it('sorts network failures and SDK errors', () => {
    expect(classifyError(new NetworkError('connection refused')).category).toBe('network');
    expect(classifyError(new TypeError('Failed to fetch')).category).toBe('network');
    const forbidden = new ClientError(ClientErrorCode.ServerError, 'FORBIDDEN: no', {
      serverCode: ErrorCode.Forbidden,
    });
    expect(classifyError(forbidden).category).toBe('authentication');
    const unknown = new ClientError(ClientErrorCode.ServerError, 'UNKNOWN_CHANNEL: system', {
      serverCode: ErrorCode.UnknownChannel,
    });
    expect(classifyError(unknown).category).toBe('server');
    expect(classifyError(new Error('odd')).category).toBe('server');
  });
});

describe('classifyReason', () => {
  it('reads close codes: auth codes, restarts and abnormal closes', () => {
    expect(classifyReason({ type: 'close', code: 4501, text: 'bad token' })?.category).toBe('authentication');
    expect(classifyReason({ type: 'close', code: 4503, text: '' })?.title).toBe('Not permitted');
    expect(classifyReason({ type: 'close', code: 1006, text: '' })?.category).toBe('network');
    expect(classifyReason({ type: 'close', code: 4000, text: 'restart' })?.category).toBe('network');
    expect(classifyReason({ type: 'close', code: 4500, text: 'protocol' })?.category).toBe('server');
    expect(classifyReason({ type: 'timeout', what: 'heartbeat' })?.category).toBe('network');
  });
  it('does not call a user action or the initial state an error', () => {
    expect(classifyReason({ type: 'initial' })).toBeUndefined();
    expect(classifyReason({ type: 'user', action: 'close' })).toBeUndefined();
  });
});
