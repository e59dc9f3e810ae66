import { describe, expect, it } from 'vitest';
import type { AlertTransition } from '@tickdeck/protocol';
import { formatGenericWebhook, formatSlack, formatTelegram } from './webhook-formatters.js';

const transition = (message: string, type: AlertTransition['type'] = 'fired'): AlertTransition => ({
  type,
  at: Date.UTC(2024, 0, 2, 3, 4, 5),
  alert: {
    id: 'r|BTC/USDT|1',
    ruleId: 'r',
    ruleName: '<b>rule</b>',
    kind: 'spread',
    subject: 'BTC/USDT',
    severity: 'critical',
    state: 'firing',
    message,
    value: 60,
    threshold: 50,
    firedAt: 1,
    resolvedAt: null,
    acknowledged: type === 'acknowledged' ? { by: 'alice', at: 2 } : null,
  },
});

describe('webhook formatters', () => {
  it('generic JSON carries the alert and a plain headline', () => {
    const body = formatGenericWebhook(transition('spread 60 bps'));
    expect(body).toMatchObject({
      source: 'tickdeck',
      type: 'fired',
      text: '[FIRING] CRITICAL spread 60 bps',
    });
    expect(body.alert.id).toBe('r|BTC/USDT|1');
  });

  it('Slack: text escapes &, <, >; blocks are plain_text', () => {
    const body = formatSlack(transition('<@channel> & <https://evil|click>'));
    expect(body.text).toBe('[FIRING] CRITICAL &lt;@channel&gt; &amp; &lt;https://evil|click&gt;');
    expect(body.blocks?.[0]).toEqual({
      type: 'section',
      text: { type: 'plain_text', text: '[FIRING] CRITICAL <@channel> & <https://evil|click>' },
    });
    expect(body.blocks?.[1]?.elements?.[0]?.text).toContain('2024-01-02T03:04:05.000Z');
  });

  it('Telegram: plain text by default, escaped HTML on request', () => {
    const plain = formatTelegram(transition('a <b>bold</b> & co', 'resolved'), -100123);
    expect(plain).toEqual({
      chat_id: -100123,
      text: '[RESOLVED] CRITICAL a <b>bold</b> & co\nBTC/USDT · 2024-01-02T03:04:05.000Z',
      disable_web_page_preview: true,
    });
    expect(plain).not.toHaveProperty('parse_mode');
    const html = formatTelegram(transition('a <b>bold</b> & co', 'acknowledged'), '@chan', { html: true });
    expect(html.parse_mode).toBe('HTML');
    expect(html.text).toBe(
      '<b>[ACKNOWLEDGED by alice] CRITICAL a &lt;b&gt;bold&lt;/b&gt; &amp; co</b>\nBTC/USDT · 2024-01-02T03:04:05.000Z',
    );
  });

  it('long messages are cut to the services’ limits', () => {
    const long = 'x'.repeat(5000);
    expect(formatSlack(transition(long)).text.length).toBeLessThanOrEqual(3000);
    expect(formatTelegram(transition(long), 1).text.length).toBeLessThanOrEqual(4096);
  });
});
