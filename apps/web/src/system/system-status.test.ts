import { describe, expect, it } from 'vitest';
import { readSystemStatus } from './system-status.js';

describe('readSystemStatus', () => {
  it('reads the documented shape', () => {
    const raw = {
      time: 10,
      cpuPct: 12.5,
      rssBytes: 100,
      heapUsedBytes: 50,
      eventLoopLagMs: 1.2,
      msgsInPerSec: 200,
      msgsOutPerSec: 4000,
      connections: 3,
      sources: [{ name: 'simulator', kind: 'simulator', state: 'live' }],
      stores: [{ name: 'pglite', state: 'up', detail: 'ok' }],
      feedLatencyMs: { simulator: 2 },
    };
    expect(readSystemStatus(raw)).toEqual({
      ...raw,
      sources: [{ name: 'simulator', kind: 'simulator', state: 'live', reason: undefined }],
    });
  });

  it('tolerates missing and wrongly typed fields', () => {
    const s = readSystemStatus({
      cpuPct: 'high',
      sources: [{ kind: 'x' }, 3],
      stores: 'no',
      feedLatencyMs: { a: 'x', b: 1 },
    });
    expect(s).toMatchObject({
      cpuPct: null,
      rssBytes: null,
      sources: [],
      stores: [],
      feedLatencyMs: { b: 1 },
    });
    expect(readSystemStatus(null)).toBeUndefined();
    expect(readSystemStatus([1])).toBeUndefined();
  });
});
