import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { ROOT_TOKEN, startTestSim, type SimClient } from './sim-client.js';

/** A raw request, for what fetch refuses to send (a body on GET). */
function raw(
  method: string,
  path: string,
  body: string,
  type: string,
): Promise<{ status: number; reason: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.url}/api2/json${path}`,
      {
        method,
        ca: sim.certificate,
        headers: {
          Authorization: `PVEAPIToken=${ROOT_TOKEN.tokenId}=${ROOT_TOKEN.secret}`,
          'Content-Type': type,
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

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

describe('request bodies', () => {
  it('refuses a body on GET with 501', async () => {
    const res = await raw('GET', '/version', 'a=1', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(501);
    expect(res.reason).toBe("Unexpected content for method 'GET'");
  });

  it('accepts a JSON body on PUT and validates it like a form', async () => {
    const ok = await raw(
      'PUT',
      '/nodes/pve1/lxc/103/config',
      JSON.stringify({ cores: 2, onboot: true }),
      'application/json',
    );
    expect(ok.status).toBe(200);
    const bad = await raw(
      'PUT',
      '/nodes/pve1/lxc/103/config',
      JSON.stringify({ cores: 0 }),
      'application/json',
    );
    expect(bad.status).toBe(400);
    expect((JSON.parse(bad.text) as { errors: Record<string, string> }).errors.cores).toMatch(
      /minimum/,
    );
  });
});
