import type { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../auth/principal.js';
import type { CredentialChange, SessionsService } from '../auth/sessions.service.js';
import { EventsService, HEARTBEAT_MS, liveEvent } from './events.service.js';

const alice: Principal = {
  kind: 'user',
  userId: 1,
  username: 'alice',
  role: 'operator',
  sessionIdHash: 'hash-a',
  csrfToken: 'c',
  sessionCreatedAt: 0,
};
const bob: Principal = { ...alice, userId: 2, username: 'bob', sessionIdHash: 'hash-b' };
const robot: Principal = { kind: 'token', tokenId: 7, name: 'robot', role: 'viewer' };

function setup() {
  const ended = new Subject<string>();
  const changes = new Subject<CredentialChange>();
  const live = new Set(['hash-a', 'hash-b']);
  const sessions = {
    ended$: ended.asObservable(),
    credentialChanges$: changes.asObservable(),
    keepAlive: vi.fn((idHash: string) => Promise.resolve(live.has(idHash))),
  };
  const service = new EventsService(sessions as unknown as SessionsService);
  service.onModuleInit();
  return { service, ended, changes, live, sessions };
}

/** Subscribes like Nest does and records what the stream sends and whether it completed. */
function open(service: EventsService, principal: Principal) {
  const got: MessageEvent[] = [];
  const state = { complete: false };
  const sub = service
    .stream(principal)
    .subscribe({ next: (e) => got.push(e), complete: () => (state.complete = true) });
  return { got, state, sub, types: () => got.filter((e) => e.type).map((e) => e.type) };
}

describe('EventsService', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    vi.useFakeTimers();
    t = setup();
  });
  afterEach(() => {
    t.service.onModuleDestroy();
    vi.useRealTimers();
  });

  it('sends the opening events first, then what is published, serialized once', () => {
    t.service.addOpening(() => [liveEvent('status', { state: 'online' })]);
    const a = open(t.service, alice);
    const b = open(t.service, robot);
    t.service.publish('task', { upid: 'U1' });
    expect(a.got[0]).toMatchObject({ retry: 3000 });
    expect(a.types()).toEqual(['status', 'task']);
    expect(a.got[2]).toEqual({ type: 'task', data: '{"upid":"U1"}' });
    expect(b.got[2].data, 'the same serialized text for every stream').toBe(a.got[2].data);
  });

  it('counts open streams and forgets a stream the client closed', () => {
    const counts: number[] = [];
    t.service.openStreams$.subscribe((n) => counts.push(n));
    const a = open(t.service, alice);
    open(t.service, bob);
    a.sub.unsubscribe();
    expect(counts).toEqual([0, 1, 2, 1]);
  });

  it('ends only the streams of the session that ended, with an end event', () => {
    const a = open(t.service, alice);
    const b = open(t.service, bob);
    t.ended.next('hash-a');
    expect(a.state.complete).toBe(true);
    expect(a.got.at(-1)).toEqual({ type: 'end', data: '{"reason":"signed-out"}' });
    expect(b.state.complete).toBe(false);
  });

  it("ends a user's streams when their role changes, and a token's when it is revoked", () => {
    const a = open(t.service, alice);
    const r = open(t.service, robot);
    t.changes.next({ kind: 'token-revoked', tokenId: 8 });
    expect(r.state.complete, 'another token').toBe(false);
    t.changes.next({ kind: 'role-changed', userId: 1 });
    expect(a.got.at(-1)?.data).toBe('{"reason":"role-changed"}');
    t.changes.next({ kind: 'token-revoked', tokenId: 7 });
    expect(r.got.at(-1)?.data).toBe('{"reason":"token-revoked"}');
    expect(r.state.complete).toBe(true);
  });

  it('ends the stream of an expired session at the heartbeat and pings the others', async () => {
    const a = open(t.service, alice);
    const b = open(t.service, bob);
    t.live.delete('hash-a');
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(a.got.at(-1)?.data).toBe('{"reason":"session-expired"}');
    expect(b.got.at(-1)).toEqual({ comment: '' });
    expect(t.sessions.keepAlive).toHaveBeenCalledWith('hash-b');
  });

  it('publishes nothing while no stream is open', () => {
    const seen: unknown[] = [];
    t.service.published$.subscribe((e) => seen.push(e));
    t.service.publish('task', { upid: 'U1' });
    expect(seen).toEqual([]);
  });

  it('ends every stream when the console stops', () => {
    const a = open(t.service, alice);
    t.service.onModuleDestroy();
    expect(a.got.at(-1)?.data).toBe('{"reason":"shutdown"}');
    t = setup();
  });
});
