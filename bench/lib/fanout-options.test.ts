import { describe, expect, it } from 'vitest';
import { parseOptions } from './fanout-options.js';

describe('parseOptions, scale-out', () => {
  it('leaves the scale-out scenario out of the default run', () => {
    const o = parseOptions([]);
    expect(o.scenarios).toEqual(['one', 'rate', 'grid', 'snapshot']);
    expect(o.gateways).toBe(3);
    expect(o.topologies).toEqual(['process', 'redis1', 'cluster']);
    expect(o.clusterSizes).toEqual([100, 1000, 5000, 10000]);
    expect(o.redis1Sizes).toEqual([100, 1000]);
  });

  it('reads the scale-out options', () => {
    const o = parseOptions([
      '--scenarios',
      'cluster',
      '--gateways',
      '4',
      '--topologies',
      'process,cluster',
      '--cluster-sizes',
      '100,2000',
      '--cluster-grid-clients',
      '0',
    ]);
    expect(o.scenarios).toEqual(['cluster']);
    expect(o.gateways).toBe(4);
    expect(o.topologies).toEqual(['process', 'cluster']);
    expect(o.clusterSizes).toEqual([100, 2000]);
    expect(o.clusterGridClients).toBe(0);
  });

  it('refuses unknown layouts and impossible gateway counts', () => {
    expect(() => parseOptions(['--topologies', 'mesh'])).toThrow(/unknown topology/);
    expect(() => parseOptions(['--gateways', '0'])).toThrow();
    expect(() => parseOptions(['--gateways', '1.5'])).toThrow();
  });
});
