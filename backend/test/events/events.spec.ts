import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummaryDto } from '../../src/containers/dto/container.dto.js';
import type { ContainersEventDto, StreamEndEventDto } from '../../src/events/dto/live-event.dto.js';
import type { NodeListDto } from '../../src/nodes/dto/node.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import type { TaskDto } from '../../src/tasks/dto/task.dto.js';
import type { Role } from '../../src/users/roles.js';
import {
  type ClientAuth,
  type ConsoleClient,
  type ConsoleHarness,
  startConsole,
} from '../support/console-harness.js';
import { type EventStream, openEventStream, settlesWithin } from '../support/event-stream.js';

let h: ConsoleHarness;
const open: EventStream[] = [];

function headersOf(auth: ClientAuth): Record<string, string> {
  if (auth.kind === 'token') return { authorization: `Bearer ${auth.token}` };
  if (auth.kind === 'session') return { cookie: `proxicloud_session=${auth.cookie}` };
  return {};
}

async function streamOf(client: ConsoleClient): Promise<EventStream> {
  const stream = await openEventStream(`${h.url}/api/events`, headersOf(client.auth));
  open.push(stream);
  return stream;
}

async function newUser(role: Role): Promise<{ id: number; client: ConsoleClient }> {
  const username = `${role}-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const created = await h.post('/api/users', { username, password, role });
  expect(created.status, created.text).toBe(201);
  return { id: created.body.id as number, client: await h.login(username, password) };
}

/** The server ended the stream, after telling why. */
async function expectEnded(stream: EventStream, reason: StreamEndEventDto['reason']) {
  expect(await settlesWithin(stream.ended, 5_000), 'the server closed the stream').toBe(true);
  expect(stream.events.at(-1)).toEqual({ type: 'end', data: { reason } });
}

beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => {
  for (const s of open) s.close();
  await h?.stop();
});

describe('GET /api/events', () => {
  it('refuses a caller without a session or token with 401', async () => {
    const stream = await openEventStream(`${h.url}/api/events`, {});
    expect(stream.status).toBe(401);
  });

  it('starts with the connection status and the whole container and node lists', async () => {
    const stream = await streamOf(h);
    expect(stream.status).toBe(200);
    const status = await stream.next<ConnectionStatusDto>('status');
    expect(status).toMatchObject({ state: 'online', writable: true });
    const list = await stream.next<ContainersEventDto>('containers', (e) => e.full);
    expect(list.changed.map((c) => c.vmid)).toEqual(expect.arrayContaining([101, 108]));
    expect(
      list.changed.some((c) => c.vmid === 200),
      'QEMU VMs are not containers',
    ).toBe(false);
    expect(list.stale).toBe(false);
    const nodes = await stream.next<NodeListDto>('nodes');
    expect(nodes.items.map((n) => n.node)).toContain('pve1');
    expect(stream.events[0].type, 'the status comes first').toBe('status');
  });

  it('pushes a start made by another client: the task, then the container as running', async () => {
    const viewer = await newUser('viewer');
    const stream = await streamOf(viewer.client);
    await stream.next<ContainersEventDto>('containers', (e) => e.full);
    const operator = await h.withToken('operator');
    const started = await operator.post('/api/containers/108/start');
    expect(started.status, started.text).toBe(202);
    const upid = started.body.upid as string;
    expect(await stream.next<TaskDto>('task', (t) => t.upid === upid)).toMatchObject({
      status: 'running',
      type: 'vzstart',
      id: '108',
    });
    const ended = await stream.next<TaskDto>(
      'task',
      (t) => t.upid === upid && t.status === 'stopped',
    );
    expect(ended).toMatchObject({ status: 'stopped', ok: true });
    const change = await stream.next<ContainersEventDto>('containers', (e) =>
      e.changed.some((c) => c.vmid === 108 && c.status === 'running'),
    );
    expect(change.full, 'a change, not the whole list again').toBe(false);
    const others = change.changed.filter((c: ContainerSummaryDto) => c.vmid !== 108);
    expect(others.length).toBeLessThan(12);
  }, 30_000);

  it('keeps the stream of one tab open when another session of the user signs out', async () => {
    const user = await newUser('viewer');
    const first = await streamOf(user.client);
    const second = await streamOf(user.client);
    expect((await user.client.post('/api/auth/logout')).status).toBeLessThan(300);
    await expectEnded(first, 'signed-out');
    await expectEnded(second, 'signed-out');
    const admin = await streamOf(h);
    await admin.next('status');
    expect(await settlesWithin(admin.ended, 300), "another user's stream stays").toBe(false);
    const again = await openEventStream(`${h.url}/api/events`, headersOf(user.client.auth));
    expect(again.status, 'the ended session cannot open a new stream').toBe(401);
  });

  it('closes the stream when an admin changes the password or deletes the user', async () => {
    const changed = await newUser('operator');
    const deleted = await newUser('operator');
    const a = await streamOf(changed.client);
    const b = await streamOf(deleted.client);
    await Promise.all([a.next('status'), b.next('status')]);
    const patch = await h.patch(`/api/users/${changed.id}`, { password: `new-${randomUUID()}` });
    expect(patch.status, patch.text).toBe(200);
    await expectEnded(a, 'signed-out');
    expect((await h.del(`/api/users/${deleted.id}`)).status).toBeLessThan(300);
    await expectEnded(b, 'signed-out');
  });

  it('closes the stream when the role changes, and a new one is opened with the new role', async () => {
    const user = await newUser('operator');
    const stream = await streamOf(user.client);
    await stream.next('status');
    const patch = await h.patch(`/api/users/${user.id}`, { role: 'viewer' });
    expect(patch.status, patch.text).toBe(200);
    await expectEnded(stream, 'role-changed');
    const again = await streamOf(user.client);
    expect(again.status, 'the session itself goes on, as a viewer').toBe(200);
  });

  it('closes a token stream when the token is revoked', async () => {
    const token = await h.withToken('viewer');
    const stream = await streamOf(token);
    await stream.next('status');
    expect((await h.del(`/api/tokens/${token.tokenId}`)).status).toBeLessThan(300);
    await expectEnded(stream, 'token-revoked');
    const again = await openEventStream(`${h.url}/api/events`, headersOf(token.auth));
    expect(again.status).toBe(401);
  });
});
