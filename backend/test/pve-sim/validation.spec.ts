import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { startTestSim, type SimClient } from './sim-client.js';

let sim: PveSimHandle;
let api: SimClient;

beforeAll(async () => ({ sim, api } = await startTestSim()));
afterAll(async () => {
  await api.close();
  await sim.stop();
});

const TEMPLATE = 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst';
const create = (extra: Record<string, string | number>) => ({
  vmid: 400,
  ostemplate: TEMPLATE,
  rootfs: 'local-lvm:4',
  ...extra,
});

describe('invalid requests are answered as PVE answers them: 400 with errors per parameter', () => {
  const cases: [string, string, string, Record<string, string | number>, string, RegExp][] = [
    [
      'an undeclared parameter',
      'GET',
      '/nodes/pve1/lxc',
      { bogus: 1 },
      'bogus',
      /property is not defined in schema/,
    ],
    [
      'a net0 with an unknown key',
      'POST',
      '/nodes/pve1/lxc',
      create({ net0: 'name=eth0,bridgex=vmbr0' }),
      'net0',
      /invalid format/,
    ],
    [
      'a net0 without its required name',
      'POST',
      '/nodes/pve1/lxc',
      create({ net0: 'bridge=vmbr0' }),
      'net0',
      /name/,
    ],
    ['cores out of range', 'POST', '/nodes/pve1/lxc', create({ cores: 9000 }), 'cores', /maximum/],
    [
      'cores that is not an integer',
      'POST',
      '/nodes/pve1/lxc',
      create({ cores: 'two' }),
      'cores',
      /type check/,
    ],
    [
      'a vmid below 100',
      'POST',
      '/nodes/pve1/lxc',
      create({ vmid: 99 }),
      'vmid',
      /value does not look like a valid VM ID/,
    ],
    [
      'a missing ostemplate',
      'POST',
      '/nodes/pve1/lxc',
      { vmid: 400 },
      'ostemplate',
      /property is missing/,
    ],
    [
      'a hostname with an underscore',
      'POST',
      '/nodes/pve1/lxc',
      create({ hostname: 'bad_name' }),
      'hostname',
      /dns-name|invalid format/,
    ],
    [
      'a features key that does not exist',
      'POST',
      '/nodes/pve1/lxc',
      create({ features: 'nesting=1,flying=1' }),
      'features',
      /invalid format/,
    ],
    [
      'a rootfs with a bad option',
      'POST',
      '/nodes/pve1/lxc',
      create({ rootfs: 'local-lvm:4,speed=9' }),
      'rootfs',
      /invalid format/,
    ],
    [
      'a timeframe outside the enum',
      'GET',
      '/nodes/pve1/lxc/101/rrddata',
      { timeframe: 'century' },
      'timeframe',
      /value '.*' does not have a value in the enumeration/,
    ],
    [
      'decade on CT rrddata (only nodes have it)',
      'GET',
      '/nodes/pve1/lxc/101/rrddata',
      { timeframe: 'decade' },
      'timeframe',
      /enumeration/,
    ],
    [
      'a memory below 16 MiB',
      'PUT',
      '/nodes/pve1/lxc/101/config',
      { memory: 8 },
      'memory',
      /minimum/,
    ],
    [
      'a parameter that repeats a path parameter',
      'GET',
      '/nodes/pve1/lxc/101/config',
      { vmid: 101 },
      'vmid',
      /duplicate parameter/,
    ],
  ];

  it.each(cases)('%s', async (_name, method, path, params, key, message) => {
    const res = await api.request(method, path, params);
    expect(res.status).toBe(400);
    expect(res.statusText).toBe('Parameter verification failed.');
    expect(res.body.data).toBeNull();
    expect(res.body.message).toBe('Parameter verification failed.\n');
    expect(Object.keys(res.body.errors ?? {})).toContain(key);
    expect(res.body.errors?.[key]).toMatch(message);
  });

  it('logs the rejected request with its errors in the handle', async () => {
    await api.get('/nodes/pve1/lxc', { bogus: 1 });
    const last = sim.requests.at(-1);
    expect(last).toMatchObject({ method: 'GET', status: 400, params: { bogus: '1' } });
    expect(last?.errors?.bogus).toBeDefined();
  });

  it('answers a taken vmid on /cluster/nextid like the captured fixture', async () => {
    const res = await api.get('/cluster/nextid', { vmid: 101 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ vmid: 'VM 101 already exists' });
  });
});
