import { describe, expect, it } from 'vitest';
import { getApiSchema } from '../schema/index.js';
import { endpointFor, pveRelease } from './release.js';

function endpoint(method: string, path: string) {
  const match = getApiSchema().match(method, path);
  if (match.kind !== 'ok') throw new Error(`no ${method} ${path}`);
  return match.endpoint;
}

describe('PVE releases', () => {
  it('knows 8.x and 9.x by minor, by full version and by major', () => {
    expect(pveRelease().release).toBe('9.1');
    expect(pveRelease('8.4.1')).toMatchObject({ release: '8.4', rrd: 'pve2' });
    expect(pveRelease('8').release).toBe('8.4');
    expect(() => pveRelease('7.4')).toThrow(/unknown PVE version/);
  });

  it('drops overrule-shutdown before 8.2 and the decade timeframe before 9.0', () => {
    const stop = endpoint('POST', '/nodes/pve1/lxc/100/status/stop');
    const rrd = endpoint('GET', '/nodes/pve1/rrddata');
    expect(endpointFor(pveRelease('9.1'), stop)).toBe(stop);
    expect(endpointFor(pveRelease('8.2'), stop).parameters.properties).toHaveProperty(
      'overrule-shutdown',
    );
    expect(endpointFor(pveRelease('8.1'), stop).parameters.properties).not.toHaveProperty(
      'overrule-shutdown',
    );
    expect(endpointFor(pveRelease('8.4'), rrd).parameters.properties?.timeframe.enum).not.toContain(
      'decade',
    );
    expect(stop.parameters.properties).toHaveProperty('overrule-shutdown');
  });
});
