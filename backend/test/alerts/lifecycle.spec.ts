import { randomUUID } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { AlertsService } from '../../src/alerts/alerts.service.js';
import { NotificationDispatcher } from '../../src/alerts/notification-dispatcher.js';
import { COLLECT_JOB } from '../../src/analytics/analytics.constants.js';
import { CollectorService } from '../../src/analytics/collector.service.js';
import { ClusterStateService } from '../../src/cache/cluster-state.service.js';
import { ROOT_TOKEN, type SimClient, startTestSim } from '../pve-sim/sim-client.js';
import { type ConsoleHarness, startConsole, TEST_TOKEN_ID } from '../support/console-harness.js';
import { type Receiver, startReceiver } from './receiver.js';

const consoleSecret = randomUUID();
let sim: PveSimHandle;
let pve: SimClient;
let h: ConsoleHarness;
let hook: Receiver;
let channelId: number;
let running: number[];

async function cycle(): Promise<void> {
  h.app.get(ClusterStateService).invalidate();
  await h.app.get(CollectorService).runCycle();
  await dispatch();
}

const dispatch = (at?: number) =>
  h.app.get(NotificationDispatcher).runOnce(at === undefined ? Date.now : () => at);

/** The webhook bodies received about one CT. */
const sentAbout = (vmid: number) =>
  hook.requests.map((r) => JSON.parse(r.body)).filter((b) => b.subject?.vmid === vmid);

async function firingAlert(vmid: number): Promise<any> {
  const res = await h.get('/api/alerts?state=firing');
  return res.body.items.find((a: any) => a.subject.vmid === vmid);
}

const hhmm = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

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
  channelId = (await h.post('/api/alerts/channels', { type: 'webhook', name: 'h', url: hook.url }))
    .body.id;
  const rows = (await pve.get('/cluster/resources', { type: 'vm' })).body.data as any[];
  running = rows
    .filter((r) => r.type === 'lxc' && r.status === 'running' && !r.template)
    .map((r) => r.vmid as number);
  expect(running.length).toBeGreaterThanOrEqual(4);
  await cycle();
});

afterAll(async () => {
  await h?.stop();
  await hook?.close();
  await pve?.close();
  await sim?.stop();
});

describe('alert lifecycle and delivery', () => {
  it('retries a failed delivery after its backoff and shows the failure meanwhile', async () => {
    const vmid = running[0];
    hook.failNext(500);
    sim.faults.crashGuest(vmid);
    await cycle();
    expect(sentAbout(vmid)).toHaveLength(1);
    const channels = await h.get('/api/alerts/channels');
    expect(channels.body[0].lastFailure).toMatch(
      /^last delivery failed: 500 Internal Server Error/,
    );
    await dispatch(Date.now() + 5_000);
    expect(sentAbout(vmid)).toHaveLength(1);
    await dispatch(Date.now() + 11_000);
    expect(sentAbout(vmid).map((b) => b.event)).toEqual(['alert.firing', 'alert.firing']);
    const after = await h.get('/api/alerts/channels');
    expect(after.body[0].lastFailure).toBeUndefined();
  });

  it('an acknowledged alert is not sent again; an unacknowledged one is, after 4 hours', async () => {
    const acked = running[0];
    const other = running[1];
    sim.faults.crashGuest(other);
    await cycle();
    expect(sentAbout(other)).toHaveLength(1);
    const alert = await firingAlert(acked);
    const res = await h.post(`/api/alerts/${alert.id}/ack`, { note: 'disk swap, on it' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      ackBy: 'admin',
      ackNote: 'disk swap, on it',
      state: 'firing',
    });
    const later = Date.now() + 4 * 3_600_000 + 60_000;
    const snapshot = await h.app.get(ClusterStateService).freshSnapshot();
    const outcome = { ok: true as const, at: snapshot.fetchedAt, resources: snapshot.resources };
    await h.app.get(AlertsService).judgeCycle(outcome, later);
    await dispatch(later);
    expect(sentAbout(acked)).toHaveLength(2);
    expect(sentAbout(other)).toHaveLength(2);
    const log = await h.get(`/api/activity?target=ct/${acked}&action=alert.ack`);
    expect(log.body.entries[0]).toMatchObject({ actor: 'admin' });
    expect(log.body.entries[0].message).toBe('container-down: acknowledged: disk swap, on it');
  });

  it('quiet hours hold notifications until the window is over (or cleared)', async () => {
    const vmid = running[2];
    const now = Date.now();
    const quietHours = `${hhmm(now - 60_000)}-${hhmm(now + 3_600_000)}`;
    const set = await h.patch(`/api/alerts/channels/${channelId}`, { quietHours });
    expect(set.status, set.text).toBe(200);
    sim.faults.crashGuest(vmid);
    await cycle();
    expect(await firingAlert(vmid)).toBeDefined();
    expect(sentAbout(vmid)).toHaveLength(0);
    await h.patch(`/api/alerts/channels/${channelId}`, { quietHours: '' });
    await dispatch();
    expect(sentAbout(vmid)).toHaveLength(1);
  });

  it('a maintenance window holds them too', async () => {
    const vmid = running[3];
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await h.patch(`/api/alerts/channels/${channelId}`, { maintenanceUntil: until });
    sim.faults.crashGuest(vmid);
    await cycle();
    expect(sentAbout(vmid)).toHaveLength(0);
    await h.patch(`/api/alerts/channels/${channelId}`, { maintenanceUntil: '' });
    await dispatch();
    expect(sentAbout(vmid).map((b) => b.event)).toEqual(['alert.firing']);
  });
});
