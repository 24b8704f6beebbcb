import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { startTestSim, type SimClient } from './sim-client.js';

let sim: PveSimHandle;
let api: SimClient;
const AUDITOR = 'auditor@pve!readonly=7c1e9f20-5d3b-4e8a-a6b4-0c2d4e6f8a10';
const WIDE = {
  tokenId: 'auditor@pve!wide',
  secret: '11111111-2222-4333-8444-555555555555',
  privsep: true,
  privileges: { '/': ['Administrator'] },
};
const ONE_CT = {
  tokenId: 'console@pve!one',
  secret: '66666666-7777-4888-9999-000000000000',
  privsep: true,
  privileges: { '/vms/101': ['PVEVMUser'] },
};

beforeAll(
  async () =>
    ({ sim, api } = await startTestSim({
      authFailDelayMs: 300,
      tokens: [
        WIDE,
        ONE_CT,
        {
          tokenId: 'root@pam!test',
          secret: '0f2c54b1-9a1d-4c7e-8b55-6f1e2d3c4b5a',
          privsep: false,
        },
      ],
    })),
);
afterAll(async () => {
  await api.close();
  await sim.stop();
});

describe('API tokens', () => {
  it('accepts the space form of the header too', async () => {
    const res = await api
      .withAuth({ authorization: 'PVEAPIToken root@pam!test=0f2c54b1-9a1d-4c7e-8b55-6f1e2d3c4b5a' })
      .get('/nodes');
    expect(res.status).toBe(200);
  });

  it('answers a request without credentials with 401 "No ticket"', async () => {
    const res = await api.withAuth(null).get('/nodes');
    expect(res.status).toBe(401);
    expect(res.statusText).toBe('No ticket');
  });

  it('answers a wrong secret with 401 only after the configured delay', async () => {
    const started = Date.now();
    const res = await api
      .withAuth({ token: 'root@pam!test=00000000-0000-0000-0000-000000000000' })
      .get('/nodes');
    expect(res.status).toBe(401);
    expect(res.statusText).toBe('authentication failure');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('lets a read-only token read but not power-manage: 403 naming path and privilege', async () => {
    const ro = api.withAuth({ token: AUDITOR });
    expect((await ro.get('/nodes/pve1/lxc/101/status/current')).status).toBe(200);
    const res = await ro.post('/nodes/pve1/lxc/101/status/stop');
    expect(res.status).toBe(403);
    expect(res.statusText).toBe('Permission check failed (/vms/101, VM.PowerMgmt)');
    expect(res.body.message).toBe('Permission check failed (/vms/101, VM.PowerMgmt)\n');
  });

  it('gives a privilege-separated token no more than its user has', async () => {
    const wide = api.withAuth({ token: `${WIDE.tokenId}=${WIDE.secret}` });
    const res = await wide.post('/nodes/pve1/lxc/101/status/stop');
    expect(res.statusText).toBe('Permission check failed (/vms/101, VM.PowerMgmt)');
    const create = await wide.post('/nodes/pve1/lxc', {
      vmid: 600,
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      rootfs: 'local-lvm:4',
    });
    expect(create.statusText).toBe('Permission check failed (/vms/600, VM.Allocate)');
  });

  it('filters lists to what the token may audit', async () => {
    const one = api.withAuth({ token: `${ONE_CT.tokenId}=${ONE_CT.secret}` });
    const vms = (await one.get('/cluster/resources')).body.data as { id: string }[];
    expect(vms.map((v) => v.id)).toEqual(['lxc/101']);
    const perms = (await one.get('/access/permissions')).body.data as Record<
      string,
      Record<string, number>
    >;
    expect(Object.keys(perms)).toEqual(['/vms/101']);
    expect(perms['/vms/101']['VM.PowerMgmt']).toBe(1);
    const denied = await one.get('/nodes/pve1/status');
    expect(denied.statusText).toBe('Permission check failed (/nodes/pve1, Sys.Audit)');
  });

  it('shows a token only its own tasks', async () => {
    const start = await api.post('/nodes/pve1/lxc/101/status/stop');
    const one = api.withAuth({ token: `${ONE_CT.tokenId}=${ONE_CT.secret}` });
    expect(
      (await one.get(`/nodes/pve1/tasks/${encodeURIComponent(String(start.body.data))}/status`))
        .status,
    ).toBe(403);
    expect((await one.get('/nodes/pve1/tasks')).body.data).toEqual([]);
  });
});

describe('tickets', () => {
  it('logs in, reads with the cookie, and writes only with the CSRF token', async () => {
    const login = await api
      .withAuth(null)
      .post('/access/ticket', { username: 'console@pve', password: 'console-pass' });
    expect(login.status).toBe(200);
    const data = login.body.data as {
      ticket: string;
      CSRFPreventionToken: string;
      username: string;
      clustername: string;
      cap: Record<string, Record<string, number>>;
    };
    expect(data.ticket).toMatch(/^PVE:console@pve:[0-9A-F]{8}::\S+$/);
    expect(data.CSRFPreventionToken).toMatch(/^[0-9A-F]{8}:\S{43}$/);
    expect(data).toMatchObject({ username: 'console@pve', clustername: 'simcluster' });
    expect(data.cap.vms['VM.PowerMgmt']).toBe(1);

    const noCsrf = api.withAuth({ ticket: data.ticket });
    expect((await noCsrf.get('/cluster/resources')).status).toBe(200);
    const refused = await noCsrf.post('/nodes/pve1/lxc/104/status/stop');
    expect(refused.status).toBe(401);
    expect(refused.statusText).toBe('Permission denied - invalid csrf token');

    const withCsrf = api.withAuth({ ticket: data.ticket, csrf: data.CSRFPreventionToken });
    const stop = await withCsrf.post('/nodes/pve3/lxc/104/status/stop');
    expect(stop.status).toBe(200);
    expect(String(stop.body.data)).toMatch(/:vzstop:104:console@pve:$/);
  });

  it('answers a wrong password with a delayed 401 "authentication failure"', async () => {
    const started = Date.now();
    const res = await api
      .withAuth(null)
      .post('/access/ticket', { username: 'root@pam', password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.statusText).toBe('authentication failure');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sim.requests.at(-1)).toMatchObject({
      status: 401,
      params: { username: 'root@pam', password: '***' },
    });
  });

  it('renews a ticket when the old one is posted as the password', async () => {
    const anon = api.withAuth(null);
    const first = await anon.post('/access/ticket', {
      username: 'auditor@pve',
      password: 'auditor-pass',
    });
    const old = (first.body.data as { ticket: string }).ticket;
    const renewed = await anon.post('/access/ticket', { username: 'auditor@pve', password: old });
    expect(renewed.status).toBe(200);
    expect((renewed.body.data as { username: string }).username).toBe('auditor@pve');
  });

  it('rejects a forged ticket', async () => {
    const res = await api.withAuth({ ticket: 'PVE:root@pam:6A000000::Zm9yZ2Vk' }).get('/nodes');
    expect(res.status).toBe(401);
  });
});
