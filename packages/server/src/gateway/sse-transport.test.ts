import { describe, expect, it } from 'vitest';
import { formatPositions, parsePositions } from './sse-transport.js';

describe('SSE event ids', () => {
  it('write one position per channel, repeating an epoch only when it changes', () => {
    const positions = [
      { epoch: 'ab12', seq: 7 },
      undefined,
      { epoch: 'ab12', seq: 0 },
      { epoch: 'zz', seq: 15 },
    ];
    const id = formatPositions(positions);
    expect(id).toBe('ab12:7,,:0,zz:15');
    expect(parsePositions(id, 4)).toEqual(positions);
  });

  it('ignore unreadable parts and missing channels', () => {
    expect(parsePositions('x:1,junk', 3)).toEqual([{ epoch: 'x', seq: 1 }, undefined, undefined]);
    expect(parsePositions(':4', 1)).toEqual([undefined]);
  });
});
