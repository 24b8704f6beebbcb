import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationDispatcher } from '../../src/alerts/notification-dispatcher.js';
import { COLLECT_JOB } from '../../src/analytics/analytics.constants.js';
import { CollectorService } from '../../src/analytics/collector.service.js';
import { ClusterStateService } from '../../src/cache/cluster-state.service.js';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';
import { type Receiver, startReceiver } from './receiver.js';

const CAP = 20;
let h: ConsoleHarness;
let hook: Receiver;

async function cycle(): Promise<void> {
  h.app.get(ClusterStateService).invalidate();
  await h.app.get(CollectorService).runCycle();
  await h.app.get(NotificationDispatcher).runOnce();
}

beforeAll(async () => {
  h = await startConsole({ sim: { scenario: 'large' } });
  h.app.get(SchedulerRegistry).deleteInterval(COLLECT_JOB);
  hook = await startReceiver();
  const res = await h.post('/api/alerts/channels', {
    type: 'webhook',
    name: 'storm',
    url: hook.url,
    capPerHour: CAP,
  });
  expect(res.status, res.text).toBe(201);
  await cycle();
});

afterAll(async () => {
  await h?.stop();
  await hook?.close();
});

describe('alert storm', () => {
  it('200 CTs going down at once send the channel cap plus one digest', async () => {
    const list = await h.get('/api/containers?selector=status:running');
    expect(list.status, list.text).toBe(200);
    const victims = (list.body.items as { vmid: number }[]).slice(0, 200).map((c) => c.vmid);
    expect(victims).toHaveLength(200);
    for (const vmid of victims) h.sim.faults.crashGuest(vmid);
    await cycle();
    await cycle();

    const firing = await h.get('/api/alerts?state=firing&limit=1000');
    expect(firing.body.firing).toBe(200);
    const bodies = hook.requests.map((r) => JSON.parse(r.body));
    expect(bodies).toHaveLength(CAP + 1);
    expect(bodies.slice(0, CAP).every((b) => b.event === 'alert.firing')).toBe(true);
    const digest = bodies[CAP];
    expect(digest.event).toBe('alert.digest');
    expect(digest.count).toBe(200 - CAP);
    expect(digest.message.split('\n')).toHaveLength(1 + 200 - CAP);
  });
});
