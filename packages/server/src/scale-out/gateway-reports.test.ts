import { ManualClock } from '@tickdeck/core';
import type { GatewayHealth } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryLiveState } from '../live/memory/memory-live-state.js';
import { GATEWAYS_STATE, GatewayReports, REPORT_FRESH_MS, startGatewayReports } from './gateway-reports.js';

const report = (id: string, time: number, connections: number): GatewayHealth => ({
  id,
  time,
  connections,
  msgsOutPerSec: connections * 10,
  cpuPct: 5,
  rssBytes: 1e8,
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('gateway reports', () => {
  it('a gateway writes its report and removes it when it stops', async () => {
    const live = new MemoryLiveState();
    const stop = startGatewayReports(live, 'gw1', async () => report('gw1', 1, 3), 60_000);
    await settle();
    expect(await live.states(GATEWAYS_STATE)).toEqual([report('gw1', 1, 3)]);
    stop();
    expect(await live.states(GATEWAYS_STATE)).toEqual([]);
  });

  it('the collector counts fresh reports only, and forgets old ones', async () => {
    const clock = new ManualClock(1_000_000);
    const live = new MemoryLiveState();
    const reports = new GatewayReports(live, clock);
    live.setState(GATEWAYS_STATE, 'a', report('a', clock.now(), 2));
    live.setState(GATEWAYS_STATE, 'b', report('b', clock.now() - REPORT_FRESH_MS - 1, 7));
    live.setState(GATEWAYS_STATE, 'c', report('c', clock.now() - 120_000, 9));
    await reports.refresh();
    expect(reports.current().map((r) => r.id)).toEqual(['a']);
    expect((await live.states(GATEWAYS_STATE)).map((r) => (r as GatewayHealth).id)).toEqual(['a', 'b']);
  });
});
