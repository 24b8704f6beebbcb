import { createHmac, randomUUID } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { NotificationDispatcher } from '../../src/alerts/notification-dispatcher.js';
import { COLLECT_JOB } from '../../src/analytics/analytics.constants.js';
import { CollectorService } from '../../src/analytics/collector.service.js';
import { ClusterStateService } from '../../src/cache/cluster-state.service.js';
import { ROOT_TOKEN, type SimClient, startTestSim } from '../pve-sim/sim-client.js';
import { type ConsoleHarness, startConsole, TEST_TOKEN_ID } from '../support/console-harness.js';
import { type Receiver, startReceiver } from './receiver.js';

const SECRET = 'webhook-signing-secret';
const consoleSecret = randomUUID();
let sim: PveSimHandle;
let pve: SimClient;
let h: ConsoleHarness;
let hook: Receiver;
let running: { vmid: number; node: string; name: string }[];

/** One collection cycle as the scheduler runs it, then the notification queue worked off. */
async function cycle(): Promise<void> {
  h.app.get(ClusterStateService).invalidate();
  await h.app.get(CollectorService).runCycle();
  await h.app.get(NotificationDispatcher).runOnce();
}

async function alerts(state?: string): Promise<any[]> {
  const res = await h.get(`/api/alerts${state ? `?state=${state}` : ''}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items as any[];
}

const about = (vmid: number) => (a: any) => a.subject?.vmid === vmid;

beforeAll(async () => {
  ({ sim, api: pve } = await startTestSim({
    tokens: [
      { ...ROOT_TOKEN, privsep: false },
      { tokenId: TEST_TOKEN_ID, secret: consoleSecret, privsep: false },
    ],
  }));
  h = await startConsole({
    existingSim: sim,
    env: { PROXICLOUD_PVE_TOKEN_ID: TEST_TOKEN_ID, PROXICLOUD_PVE_TOKEN_SECRET: consoleSecret },
  });
  h.app.get(SchedulerRegistry).deleteInterval(COLLECT_JOB);
  hook = await startReceiver();
  const created = await h.post('/api/alerts/channels', {
    type: 'webhook',
    name: 'hook',
    url: `${hook.url}/hook`,
    secret: SECRET,
  });
  expect(created.status, created.text).toBe(201);
  const rows = (await pve.get('/cluster/resources', { type: 'vm' })).body.data as any[];
  running = rows
    .filter((r) => r.type === 'lxc' && r.status === 'running' && !r.template)
    .map((r) => ({ vmid: r.vmid, node: r.node, name: r.name }));
  expect(running.length).toBeGreaterThanOrEqual(3);
  await cycle();
});

afterAll(async () => {
  await h?.stop();
  await hook?.close();
  await pve?.close();
  await sim?.stop();
});

describe('container-down correlation against pve-sim', () => {
  it('the built-in rules exist from the first start', async () => {
    const res = await h.get('/api/alerts/rules');
    expect(res.body.map((r: any) => [r.kind, r.builtin, r.enabled])).toEqual([
      ['container-down', true, true],
      ['node-offline', true, true],
      ['proxmox-unreachable', true, true],
      ['certificate-changed', true, true],
    ]);
  });

  it('a stop through the console fires nothing and says why', async () => {
    const ct = running[0];
    const res = await h.post(`/api/containers/${ct.vmid}/stop`);
    expect(res.status, res.text).toBe(202);
    await h.waitForTask(res.body.upid);
    await cycle();
    await cycle();
    const mine = (await alerts()).filter(about(ct.vmid));
    expect(mine).toHaveLength(1);
    expect(mine[0].state).toBe('suppressed');
    expect(mine[0].explanation).toMatch(/^stop by admin via console at \d\d:\d\d; not alerted$/);
    expect(hook.requests).toHaveLength(0);
  });

  it('a stop made in Proxmox by another user (a task the console did not start) fires nothing', async () => {
    const ct = running[1];
    const res = await pve.post(`/nodes/${ct.node}/lxc/${ct.vmid}/status/stop`);
    expect(res.status).toBe(200);
    await cycle();
    const mine = (await alerts()).filter(about(ct.vmid));
    expect(mine.map((a) => a.state)).toEqual(['suppressed']);
    expect(mine[0].explanation).toMatch(
      /^stop by root@pam!test via Proxmox \(task vzstop\) at \d\d:\d\d; not alerted$/,
    );
    expect(hook.requests).toHaveLength(0);
  });

  it('a CT dying with no task behind it fires container-down, signed, and resolves when it runs again', async () => {
    const ct = running[2];
    sim.faults.crashGuest(ct.vmid);
    await cycle();
    const firing = (await alerts('firing')).filter(about(ct.vmid));
    expect(firing).toHaveLength(1);
    expect(hook.requests).toHaveLength(1);
    const sent = hook.requests[0];
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/hook');
    expect(sent.headers['content-type']).toBe('application/json');
    const mac = createHmac('sha256', SECRET).update(sent.body).digest('hex');
    expect(sent.headers['x-proxicloud-signature']).toBe(`sha256=${mac}`);
    expect(JSON.parse(sent.body)).toEqual({
      event: 'alert.firing',
      rule: 'container-down',
      severity: 'critical',
      subject: { type: 'ct', vmid: ct.vmid, node: ct.node, name: ct.name },
      message: `CT ${ct.vmid} (${ct.name}) on ${ct.node} stopped; nothing the console, a plan or Proxmox did explains it`,
      startsAt: firing[0].startsAt,
    });

    await cycle();
    expect(hook.requests).toHaveLength(1);

    const start = await h.post(`/api/containers/${ct.vmid}/start`);
    await h.waitForTask(start.body.upid);
    await cycle();
    expect((await alerts('firing')).filter(about(ct.vmid))).toHaveLength(0);
    const [resolved] = (await alerts('resolved')).filter(about(ct.vmid));
    expect(resolved.endsAt).toBeDefined();
    expect(hook.requests).toHaveLength(2);
    const body = JSON.parse(hook.requests[1].body);
    expect(body.event).toBe('alert.resolved');
    expect(body.endsAt).toBe(resolved.endsAt);
  });

  it('alerts and their lifecycle are in the activity timeline', async () => {
    const ct = running[2];
    const res = await h.get(`/api/activity?target=ct/${ct.vmid}`);
    const actions = res.body.entries.map((e: any) => [e.actor, e.action]).reverse();
    expect(actions).toEqual([
      ['alerts', 'alert.firing'],
      ['admin', 'start'],
      ['alerts', 'alert.resolved'],
    ]);
    const suppressed = await h.get(
      `/api/activity?target=ct/${running[0].vmid}&action=alert.suppressed`,
    );
    expect(suppressed.body.entries[0].message).toMatch(/stop by admin via console/);
  });
});
