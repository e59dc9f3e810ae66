import { describe, expect, it } from 'vitest';
import { ProblemError } from '../data/rest.js';
import { HttpError, NetworkError } from '../errors/classify-error.js';
import { loginFailure, waitText } from './auth-messages.js';

const problem = (status: number, code: string, retryAfterSec?: number): ProblemError =>
  new ProblemError(status, code, 'detail', undefined, undefined, retryAfterSec);

describe('loginFailure', () => {
  it('says wrong credentials for a 401, whatever the server detail', () => {
    expect(loginFailure(problem(401, 'UNAUTHORIZED'))).toEqual({
      kind: 'credentials',
      message: 'Wrong user name or password.',
    });
    expect(loginFailure(problem(401, 'UNAUTHORIZED'), 'token').message).toMatch(/did not accept this token/);
  });

  it('says how long to wait after too many attempts, from retry-after', () => {
    const f = loginFailure(problem(429, 'RATE_LIMITED', 42));
    expect(f.kind).toBe('rate-limited');
    expect(f.message).toBe('Too many sign-in attempts. Wait 42 seconds, then try again.');
    expect(loginFailure(problem(429, 'RATE_LIMITED')).message).toMatch(/Wait a minute/);
  });

  it('says the server is unreachable for network failures and gateway errors', () => {
    expect(loginFailure(new NetworkError('Failed to fetch')).kind).toBe('unreachable');
    expect(loginFailure(new HttpError(502, undefined, 'Bad Gateway')).kind).toBe('unreachable');
    expect(loginFailure(new NetworkError('x')).message).toMatch(/Cannot reach the server/);
  });

  it('tells a server without password login, and anything else as a server problem', () => {
    expect(loginFailure(problem(400, 'BAD_REQUEST')).kind).toBe('not-enabled');
    expect(loginFailure(problem(500, 'INTERNAL')).kind).toBe('server');
    expect(loginFailure(new Error('odd')).kind).toBe('server');
  });
});

describe('waitText', () => {
  it('counts seconds, then minutes, rounding up', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(0.2)).toBe('1 second');
    expect(waitText(59)).toBe('59 seconds');
    expect(waitText(90)).toBe('2 minutes');
    expect(waitText(60 * 60)).toBe('60 minutes');
  });
});
