import { connect, type Socket } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummaryDto } from '../../src/containers/dto/container.dto.js';
import { COALESCE_MS, USAGE_EVERY_MS } from '../../src/events/cluster-events.js';
import { CONTAINER_USAGE_FIELDS } from '../../src/events/container-diff.js';
import type { ContainersEventDto } from '../../src/events/dto/live-event.dto.js';
import { EventsService } from '../../src/events/events.service.js';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';
import { type EventStream, openEventStream } from '../support/event-stream.js';

/** How the event stream paces what it sends, and what it does with a client that stops reading. */
let h: ConsoleHarness;
const open: EventStream[] = [];

async function stream(): Promise<EventStream> {
  const s = await openEventStream(`${h.url}/api/events`, h.authHeaders());
  open.push(s);
  return s;
}

const stateOf = (c: ContainerSummaryDto): string =>
  JSON.stringify({ ...c, ...Object.fromEntries(CONTAINER_USAGE_FIELDS.map((f) => [f, 0])) });

const openStreams = (): Promise<number> =>
  firstValueFrom(h.app.get(EventsService, { strict: false }).openStreams$);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

beforeAll(async () => {
  // usage moves every second, faster than the stream may send it
  h = await startConsole({ sim: { metricsIntervalMs: 1_000 } });
});
afterAll(async () => {
  for (const s of open) s.close();
  await h?.stop();
});

describe('GET /api/events delivery', () => {
  it('sends usage at most every USAGE_EVERY_MS, and only rows whose usage moved with it', async () => {
    const s = await stream();
    const first = await s.next<ContainersEventDto>('containers', (e) => e.full);
    const held = new Map(first.changed.map((c) => [c.vmid, c]));
    const usageAt: number[] = [];
    const windowMs = 2.5 * USAGE_EVERY_MS;
    await new Promise((r) => setTimeout(r, windowMs));
    const events = s.events.filter((e) => e.type === 'containers').map((e) => e.data);
    for (const e of events.slice(events.indexOf(first) + 1) as ContainersEventDto[]) {
      const usageOnly = e.changed.filter((c) => {
        const before = held.get(c.vmid);
        return before && stateOf(before) === stateOf(c);
      });
      for (const c of usageOnly) {
        expect(JSON.stringify(c), `CT ${c.vmid} is not sent unchanged`).not.toBe(
          JSON.stringify(held.get(c.vmid)),
        );
      }
      for (const c of e.changed) held.set(c.vmid, c);
      if (!usageOnly.length) continue;
      usageAt.push(Date.parse(e.fetchedAt));
    }
    expect(usageAt.length, 'usage still reaches the list').toBeGreaterThanOrEqual(1);
    const gaps = usageAt.slice(1).map((at, i) => at - usageAt[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(USAGE_EVERY_MS - COALESCE_MS);
  }, 40_000);

  it('drops a stream whose client stops reading, while the others get every event', async () => {
    const healthy = await stream();
    await healthy.next('status');
    const before = await openStreams();
    const { host, hostname, port } = new URL(h.url);
    const stalled: Socket = connect(Number(port), hostname);
    const headers = Object.entries(h.authHeaders()).map(([k, v]) => `${k}: ${v}\r\n`);
    stalled.write(`GET /api/events HTTP/1.1\r\nhost: ${host}\r\n${headers.join('')}\r\n`);
    stalled.pause();
    stalled.on('error', () => undefined);
    expect(await until(async () => (await openStreams()) === before + 1, 5_000)).toBe(true);

    const events = h.app.get(EventsService, { strict: false });
    const pad = 'x'.repeat(512 * 1024);
    const count = 80; // 40 MB: more than the kernel's socket buffers and the stream's own
    for (let i = 0; i < count; i++) {
      events.publish('plan', { id: `bulk-${i}`, pad });
      await new Promise((r) => setImmediate(r));
    }
    await healthy.next<{ id: string }>('plan', (p) => p.id === `bulk-${count - 1}`, 20_000);
    const got = healthy.events.filter((e) => e.type === 'plan').length;
    expect(got, 'the reading stream got every event').toBe(count);
    expect(
      await until(async () => (await openStreams()) === before, 10_000),
      'the stalled stream was dropped',
    ).toBe(true);
    stalled.destroy();
  }, 60_000);
});
