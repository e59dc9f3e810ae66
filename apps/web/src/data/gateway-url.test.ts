import { describe, expect, it } from 'vitest';
import { gatewayUrl } from './gateway-url.js';

describe('gatewayUrl', () => {
  it('keeps host and port, switches to ws or wss, drops path, query and hash', () => {
    expect(gatewayUrl('http://127.0.0.1:8080/symbol/BTC%2FUSDT?tf=1m#x')).toBe('ws://127.0.0.1:8080/ws');
    expect(gatewayUrl('https://deck.example.org/markets')).toBe('wss://deck.example.org/ws');
  });
});
