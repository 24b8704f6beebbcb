import { Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import type { ClusterResources, PveGuest, PveNode } from '../proxmox/proxmox.types.js';
import {
  CachePruner,
  KEEP_TASK_DETAILS,
  orphanKeys,
  TASK_DETAIL_PREFIX,
} from './cache-pruner.service.js';
import type { CacheRepository } from './cache.repository.js';
import type { CachedReadService } from './cached-read.service.js';
import type { ClusterStateService } from './cluster-state.service.js';
import { ReachabilityService } from './reachability.service.js';

const node = (name: string, status = 'online') => ({ node: name, status }) as PveNode;
const ct = (vmid: number, type = 'lxc') => ({ vmid, type, node: 'pve1' }) as PveGuest;
const cluster = (guests: PveGuest[], nodes = [node('pve1'), node('pve2')]): ClusterResources => ({
  nodes,
  guests,
  storages: [],
});

describe('orphanKeys', () => {
  it('names the entries of containers and nodes the cluster no longer lists', () => {
    const keys = [
      'cluster-resources',
      'templates',
      'permissions',
      'ct/101',
      'ct/105',
      'ct/200',
      'tasks/*/50',
      'tasks/101/50',
      'tasks/105/10',
      'tasks/200/50',
      'storages/pve1/',
      'storages/pve3/rootdir',
      `${TASK_DETAIL_PREFIX}UPID:pve1:1:2:3:vzstart:105:root@pam:`,
    ];
    const orphans = orphanKeys(keys, cluster([ct(101), ct(200, 'qemu')]));
    expect(orphans).toEqual(['ct/105', 'ct/200', 'tasks/105/10', 'storages/pve3/rootdir']);
  });
});

describe('CachePruner', () => {
  let reach: ReachabilityService;
  let keys: string[];
  let forget: ReturnType<typeof vi.fn>;
  let trim: ReturnType<typeof vi.fn>;
  let pruner: CachePruner;

  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    reach = new ReachabilityService();
    keys = ['ct/101', 'ct/102', 'tasks/102/50'];
    forget = vi.fn((gone: string[]) => {
      keys = keys.filter((k) => !gone.includes(k));
      return Promise.resolve();
    });
    trim = vi.fn(() => Promise.resolve(0));
    const cached = {
      keysStartingWith: (p: string) => Promise.resolve(keys.filter((k) => k.startsWith(p))),
      forget,
    } as unknown as CachedReadService;
    const store = { trim } as unknown as CacheRepository;
    const state = { fresh$: new Subject<ClusterResources>() } as unknown as ClusterStateService;
    pruner = new CachePruner(state, cached, store, reach);
  });

  it('drops the entries of a container a fresh answer no longer lists', async () => {
    await pruner.prune(cluster([ct(101)]));
    expect(forget).toHaveBeenCalledWith(['ct/102', 'tasks/102/50']);
    expect(keys).toEqual(['ct/101']);
  });

  it('never prunes while a node is offline: its containers are unknown, not gone', async () => {
    await pruner.prune(cluster([ct(101)], [node('pve1'), node('pve2', 'offline')]));
    expect(forget).not.toHaveBeenCalled();
    expect(trim).not.toHaveBeenCalled();
  });

  it('never prunes while Proxmox is offline', async () => {
    reach.recordFailure(new ProxmoxError('unreachable', 'ECONNREFUSED'));
    await pruner.prune(cluster([ct(101)]));
    expect(forget).not.toHaveBeenCalled();
  });

  it('never prunes while a call said a node is down (59x), even if the list says online', async () => {
    reach.recordFailure(new ProxmoxError('unreachable', 'no route', { status: 595, node: 'pve2' }));
    await pruner.prune(cluster([ct(101)]));
    expect(forget).not.toHaveBeenCalled();
  });

  it('looks again only when the set of containers or nodes changed', async () => {
    const lookups = vi.spyOn(
      pruner as unknown as { dropOrphans: () => Promise<void> },
      'dropOrphans',
    );
    await pruner.prune(cluster([ct(101), ct(102)]));
    await pruner.prune(cluster([ct(102), ct(101)]));
    expect(lookups).toHaveBeenCalledOnce();
    await pruner.prune(cluster([ct(101)]));
    expect(lookups).toHaveBeenCalledTimes(2);
    expect(keys).toEqual(['ct/101']);
  });

  it('looks again once a node that was offline is back', async () => {
    await pruner.prune(cluster([ct(101), ct(102)]));
    keys.push('ct/103');
    await pruner.prune(cluster([ct(101), ct(102)], [node('pve1'), node('pve2', 'offline')]));
    expect(keys).toContain('ct/103');
    await pruner.prune(cluster([ct(101), ct(102)]));
    expect(keys).not.toContain('ct/103');
  });

  it('looks again after Proxmox was unreachable, even if the cluster looks the same', async () => {
    pruner.onModuleInit();
    await pruner.prune(cluster([ct(101), ct(102)]));
    keys.push('ct/103');
    reach.recordFailure(new ProxmoxError('unreachable', 'ECONNREFUSED'));
    reach.recordSuccess([]);
    await pruner.prune(cluster([ct(101), ct(102)]));
    expect(keys).not.toContain('ct/103');
    await pruner.onModuleDestroy();
  });

  it('keeps the newest task details and trims the rest at most once per period', async () => {
    await pruner.prune(cluster([ct(101)]));
    await pruner.prune(cluster([ct(101)]));
    expect(trim).toHaveBeenCalledOnce();
    expect(trim).toHaveBeenCalledWith(TASK_DETAIL_PREFIX, KEEP_TASK_DETAILS);
  });
});
