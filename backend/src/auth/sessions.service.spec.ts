import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import { keyedHash } from './auth-crypto.js';
import type { Session } from './entities/session.entity.js';
import type { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

const SECRET = 'test-secret';
const NOW = 1_800_000_000_000;
const config = { auth: { sessionIdleMin: 30, sessionMaxHours: 12 } } as AppConfig;
const HASH = keyedHash(SECRET, 'cookie');

/** A repository over one session row that counts its reads. */
function setup(row: Partial<Session> = {}) {
  const stored: Session = {
    idHash: HASH,
    userId: 7,
    createdAt: NOW - 3_600_000,
    lastSeenAt: NOW - 1_000,
    csrfToken: 'csrf',
    user: {
      id: 7,
      username: 'erin',
      role: 'operator',
      passwordHash: 'x',
      createdAt: 0,
      passwordChangedAt: NOW - 7_200_000,
    },
    ...row,
  };
  let present = true;
  const calls = { reads: 0, touches: 0 };
  let gate: Promise<void> = Promise.resolve();
  const repo = {
    withUser: async (idHash: string) => {
      calls.reads += 1;
      const answer = present && idHash === HASH ? structuredClone(stored) : null;
      await gate;
      return answer;
    },
    touch: () => ((calls.touches += 1), Promise.resolve()),
    remove: () => ((present = false), Promise.resolve()),
    removeForUser: () => ((present = false), Promise.resolve()),
    dataVersion: () => Promise.resolve(1),
  } as unknown as SessionsRepository;
  return {
    service: new SessionsService(repo, SECRET, config),
    calls,
    stored,
    gone: () => (present = false),
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => release();
    },
  };
}

describe('SessionsService with its in-memory index', () => {
  it('reads a session from the database once, then answers from memory', async () => {
    const { service, calls } = setup();
    expect((await service.resolve('cookie', NOW))?.user.role).toBe('operator');
    expect((await service.resolve('cookie', NOW))?.user.role).toBe('operator');
    expect(calls.reads).toBe(1);
  });

  it('writes lastSeenAt at most every 15 s', async () => {
    const { service, calls } = setup();
    await service.resolve('cookie', NOW);
    await service.resolve('cookie', NOW + 10_000);
    expect(calls.touches).toBe(0);
    await service.resolve('cookie', NOW + 16_000);
    await service.resolve('cookie', NOW + 17_000);
    expect(calls.touches).toBe(1);
  });

  it('refuses an unknown cookie and keeps nothing of it', async () => {
    const { service, calls } = setup();
    expect(await service.resolve('forged', NOW)).toBeNull();
    expect(await service.resolve('forged', NOW)).toBeNull();
    expect(calls.reads).toBe(2);
  });

  it('ends a session at once on logout and says so', async () => {
    const { service } = setup();
    const ended: string[] = [];
    service.ended$.subscribe((h) => ended.push(h));
    await service.resolve('cookie', NOW);
    await service.destroy(HASH);
    expect(ended).toEqual([HASH]);
    expect(await service.resolve('cookie', NOW)).toBeNull();
  });

  it('applies a role change to the next request without reading the database', async () => {
    const { service, calls } = setup();
    await service.resolve('cookie', NOW);
    service.roleChanged(7, 'viewer');
    expect((await service.resolve('cookie', NOW))?.user.role).toBe('viewer');
    expect(calls.reads).toBe(1);
  });

  it('ends every session of a deleted user', async () => {
    const { service, gone } = setup();
    const ended: string[] = [];
    service.ended$.subscribe((h) => ended.push(h));
    await service.resolve('cookie', NOW);
    gone();
    service.userRemoved(7);
    expect(ended).toEqual([HASH]);
    expect(await service.resolve('cookie', NOW)).toBeNull();
  });

  it('drops a database read that raced a logout', async () => {
    const s = setup();
    const open = s.hold();
    const pending = s.service.resolve('cookie', NOW);
    await s.service.destroy(HASH);
    open();
    expect(await pending).toBeNull();
    expect(await s.service.resolve('cookie', NOW)).toBeNull();
  });

  it('ends idle, too old and pre-password-change sessions', async () => {
    expect(
      await setup({ lastSeenAt: NOW - 31 * 60_000 }).service.resolve('cookie', NOW),
    ).toBeNull();
    expect(
      await setup({ createdAt: NOW - 13 * 3_600_000 }).service.resolve('cookie', NOW),
    ).toBeNull();
    const s = setup();
    s.stored.user!.passwordChangedAt = NOW - 1_000;
    expect(await s.service.resolve('cookie', NOW)).toBeNull();
  });

  it('reads the index again when another process changed the database', async () => {
    const { service, gone } = setup();
    const ended: string[] = [];
    service.ended$.subscribe((h) => ended.push(h));
    await service.resolve('cookie', NOW);
    gone();
    await service.reloadIndex(NOW);
    expect(ended).toEqual([HASH]);
    expect(await service.resolve('cookie', NOW)).toBeNull();
  });
});
