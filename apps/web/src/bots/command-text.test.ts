import { describe, expect, it } from 'vitest';
import type { CommandRecord } from './bots-api.js';
import { confirmText, outcomeText } from './command-text.js';

const rec = (patch: Partial<CommandRecord>): CommandRecord => ({
  commandId: 'c',
  botId: 'paper',
  kind: 'pause',
  issuedBy: 'anonymous',
  issuedAt: 0,
  status: 'succeeded',
  deliveredAt: 1,
  result: { ok: true, message: 'paused', at: 2 },
  ...patch,
});

describe('command texts', () => {
  it('says what happened to the command', () => {
    expect(outcomeText(rec({}))).toBe('paper: pause done (paused).');
    expect(outcomeText(rec({ status: 'failed', result: { ok: false, message: 'no', at: 2 } }))).toBe(
      'paper: pause failed: no.',
    );
    expect(outcomeText(rec({ status: 'pending', result: null }))).toMatch(/not connected/);
    expect(outcomeText(rec({ kind: 'close_all', status: 'delivered', result: null }))).toMatch(
      /close all delivered/,
    );
  });

  it('names the bot in the confirmation', () => {
    expect(confirmText('x', 'close_all')).toMatch(/bot x/);
  });
});
