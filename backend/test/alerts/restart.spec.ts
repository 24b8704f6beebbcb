import { rmSync } from 'node:fs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationDispatcher } from '../../src/alerts/notification-dispatcher.js';
import { COLLECT_JOB } from '../../src/analytics/analytics.constants.js';
import { CollectorService } from '../../src/analytics/collector.service.js';
import { ClusterStateService } from '../../src/cache/cluster-state.service.js';
import { SimClient } from '../pve-sim/sim-client.js';
import { type ConsoleHarness, startConsole, TEST_TOKEN_ID } from '../support/console-harness.js';
import { type Receiver, startReceiver } from './receiver.js';

let first: ConsoleHarness;
let h: ConsoleHarness;
let hook: Receiver;

async function cycle(): Promise<void> {
  h.app.get(ClusterStateService).invalidate();
  await h.app.get(CollectorService).runCycle();
  await h.app.get(NotificationDispatcher).runOnce();
}

async function restart(): Promise<void> {
  // the first console's temp dirs and simulator are removed in afterAll
  if (h === first) await h.app.close();
  else await h.stop();
  h = await startConsole({
    existingSim: first.sim,
    env: { PROXICLOUD_DATA_DIR: first.dataDir, PROXICLOUD_PVE_TOKEN_SECRET: first.tokenSecret },
  });
  h.app.get(SchedulerRegistry).deleteInterval(COLLECT_JOB);
}

const events = () =>
  hook.requests.map(
    (r) => JSON.parse(r.body) as { event: string; rule: string; subject: { vmid?: number } },
  );

beforeAll(async () => {
  first = await startConsole();
  h = first;
  h.app.get(SchedulerRegistry).deleteInterval(COLLECT_JOB);
  hook = await startReceiver();
});

afterAll(async () => {
  await hook?.close();
  if (h !== first) await h?.stop();
  await first?.app.close().catch(() => undefined);
  await first?.sim.stop();
  rmSync(first.dataDir, { recursive: true, force: true });
});

describe('alerts across a console restart', () => {
  it('a firing alert is neither resolved, fired again nor sent again by a restart, and resolves once the CT runs', async () => {
    const created = await h.post('/api/alerts/channels', {
      type: 'webhook',
      name: 'h',
      url: hook.url,
    });
    expect(created.status, created.text).toBe(201);
    const mem = await h.post('/api/alerts/rules', {
      name: 'mem held',
      kind: 'memory',
      threshold: 0,
      forS: 1,
    });
    expect(mem.status, mem.text).toBe(201);
    const list = await h.get('/api/containers?selector=status:running');
    const [ct, busy] = list.body.items as { vmid: number; name: string }[];
    await cycle();
    await new Promise((r) => setTimeout(r, 1_100));
    h.sim.faults.crashGuest(ct.vmid);
    await cycle();
    const before = (await h.get('/api/alerts?state=firing')).body.items as any[];
    const down = before.find((a) => a.rule === 'container-down' && a.subject.vmid === ct.vmid);
    const held = before.find((a) => a.rule === 'mem held' && a.subject.vmid === busy.vmid);
    expect(down, JSON.stringify(before)).toBeDefined();
    expect(held, JSON.stringify(before)).toBeDefined();
    const sentBefore = events();
    expect(sentBefore.filter((e) => e.event === 'alert.firing').length).toBeGreaterThanOrEqual(2);

    await restart();
    await cycle();
    await cycle();

    const after = (await h.get('/api/alerts?state=firing')).body.items as any[];
    expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    expect((await h.get('/api/alerts?state=resolved')).body.total).toBe(0);
    expect(events(), 'nothing sent by the restart').toEqual(sentBefore);

    const start = await h.post(`/api/containers/${ct.vmid}/start`);
    await h.waitForTask(start.body.upid);
    await cycle();
    const resolved = (await h.get('/api/alerts?state=resolved')).body.items as any[];
    expect(resolved.map((a) => a.id)).toEqual([down.id]);
    expect(events().slice(sentBefore.length)).toEqual([
      expect.objectContaining({ event: 'alert.resolved', rule: 'container-down' }),
    ]);
  });

  it('a CT that stopped while the console was off fires container-down at the first cycle; one a Proxmox task stopped does not', async () => {
    const list = await h.get('/api/containers?selector=status:running');
    const [crashed, stopped] = (list.body.items as { vmid: number; node: string }[]).slice(-2);
    await cycle();
    const sentBefore = events().length;
    await h.app.close();

    h.sim.faults.crashGuest(crashed.vmid);
    // a stop made in Proxmox with the console's own token, but not by the console: its task explains it
    const pve = new SimClient(first.sim, { token: `${TEST_TOKEN_ID}=${first.tokenSecret}` });
    const res = await pve.post(`/nodes/${stopped.node}/lxc/${stopped.vmid}/status/stop`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const status = async (vmid: number, node: string) =>
      ((await pve.get(`/nodes/${node}/lxc/${vmid}/status/current`)).body.data as any).status;
    for (let i = 0; i < 200 && (await status(stopped.vmid, stopped.node)) !== 'stopped'; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await status(stopped.vmid, stopped.node)).toBe('stopped');

    await restart();
    await cycle();
    const all = (await h.get('/api/alerts')).body.items as any[];
    const about = (vmid: number) =>
      all.filter((a) => a.rule === 'container-down' && a.subject.vmid === vmid);
    expect(about(crashed.vmid).map((a) => [a.state, a.message])).toEqual([
      ['firing', expect.stringMatching(/ stopped while the console was not running; nothing /)],
    ]);
    expect(about(stopped.vmid).map((a) => a.state)).toEqual(['suppressed']);
    expect(about(stopped.vmid)[0].explanation).toMatch(/\(task vzstop\).*; not alerted$/);
    // (the stopped CTs' memory-rule alerts resolve meanwhile)
    const downSent = events()
      .slice(sentBefore)
      .filter((e) => e.rule === 'container-down');
    expect(downSent).toEqual([
      expect.objectContaining({
        event: 'alert.firing',
        subject: expect.objectContaining({ vmid: crashed.vmid }),
      }),
    ]);
  });
});
