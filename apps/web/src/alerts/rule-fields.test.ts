import { describe, expect, it } from 'vitest';
import type { AlertRule } from '@tickdeck/protocol';
import { fieldOfPointer, formFromRule, ruleFromForm } from './rule-fields.js';

describe('ruleFromForm', () => {
  it('builds a rule of the kind, numbers as numbers, empty optional fields left out', () => {
    const rule = ruleFromForm(
      'price_cross',
      {
        id: ' r1 ',
        title: 'BTC up',
        severity: 'critical',
        symbol: 'BTC/USDT',
        direction: 'above',
        price: '70000',
        hysteresis: '',
      },
      true,
    );
    expect(rule).toEqual({
      id: 'r1',
      name: 'BTC up',
      enabled: true,
      severity: 'critical',
      kind: 'price_cross',
      symbol: 'BTC/USDT',
      direction: 'above',
      price: 70000,
    });
  });

  it('sends a number that does not parse as text, so that the server names the field', () => {
    expect(ruleFromForm('spread', { id: 'x', title: 't', symbol: 'A/B', bps: 'abc' }, false).bps).toBe('abc');
    expect(ruleFromForm('spread', { id: 'x', title: 't', symbol: 'A/B', bps: '' }, false).bps).toBe('');
  });

  it("uses the metric as a metric rule's name", () => {
    const rule = ruleFromForm(
      'metric',
      { id: 'g', title: 'ignored', name: 'gas_used', direction: 'above', value: '5' },
      true,
    );
    expect(rule.name).toBe('gas_used');
    expect(rule).not.toHaveProperty('botId');
  });
});

describe('formFromRule', () => {
  it('round-trips through ruleFromForm', () => {
    const rule: AlertRule = {
      id: 'dd',
      name: 'Drawdown',
      enabled: true,
      severity: 'warning',
      cooldownMs: 60000,
      kind: 'drawdown',
      botId: 'paper',
      pct: 5,
      clearPct: 4,
    };
    expect(ruleFromForm(rule.kind, formFromRule(rule), true)).toEqual(rule);
  });
});

describe('fieldOfPointer', () => {
  it("maps the server's JSON pointer to the form field", () => {
    expect(fieldOfPointer('/price', 'price_cross')).toBe('price');
    expect(fieldOfPointer('/name', 'spread')).toBe('title');
    expect(fieldOfPointer('/name', 'metric')).toBe('name');
    expect(fieldOfPointer('', 'spread')).toBeUndefined();
    expect(fieldOfPointer(undefined, 'spread')).toBeUndefined();
  });
});
