import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import { keyedHash } from './auth-crypto.js';
import type { SessionLiveness, SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

const SECRET = 'test-secret';
const NOW = 1_800_000_000_000;
const config = { auth: { sessionIdleMin: 30, sessionMaxHours: 12 } } as AppConfig;

function serviceWith(row: SessionLiveness | undefined): SessionsService {
  const repo = {
    livenessOf: (idHash: string) => (idHash === keyedHash(SECRET, 'cookie') ? row : undefined),
    remove: () => Promise.resolve(),
  } as unknown as SessionsRepository;
  return new SessionsService(repo, SECRET, config);
}

const live: SessionLiveness = {
  createdAt: NOW - 3_600_000,
  lastSeenAt: NOW - 1_000,
  role: 'operator',
  passwordChangedAt: NOW - 7_200_000,
};

describe('SessionsService.liveRoleWithoutWrite', () => {
  it('gives the role of a live session seen moments ago', () => {
    expect(serviceWith(live).liveRoleWithoutWrite('cookie', NOW)).toBe('operator');
  });

  it('gives nothing for an unknown cookie', () => {
    expect(serviceWith(live).liveRoleWithoutWrite('other', NOW)).toBeUndefined();
  });

  it('gives nothing when lastSeenAt is due for its write, so the caller takes the writing path', () => {
    const due = { ...live, lastSeenAt: NOW - 20_000 };
    expect(serviceWith(due).liveRoleWithoutWrite('cookie', NOW)).toBeUndefined();
  });

  it('gives nothing past the absolute timeout or after a password change', () => {
    const old = { ...live, createdAt: NOW - 13 * 3_600_000 };
    expect(serviceWith(old).liveRoleWithoutWrite('cookie', NOW)).toBeUndefined();
    const changed = { ...live, passwordChangedAt: NOW - 60_000 };
    expect(serviceWith(changed).liveRoleWithoutWrite('cookie', NOW)).toBeUndefined();
  });
});

describe('SessionsService cookie memo', () => {
  const remembered = (service: SessionsService) => [
    ...(service as unknown as { hashes: Map<string, string> }).hashes.keys(),
  ];

  it('keeps only cookies of live sessions, and forgets one when its session ends', async () => {
    const service = serviceWith(live);
    service.liveRoleWithoutWrite('forged', NOW);
    service.liveRoleWithoutWrite('cookie', NOW);
    expect(remembered(service)).toEqual(['cookie']);
    await service.destroy(keyedHash(SECRET, 'cookie'));
    expect(remembered(service)).toEqual([]);
  });
});
