import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalyticsRepository } from '../analytics/analytics.repository.js';
import type { SampleRow } from '../analytics/analytics.types.js';
import { openAnalyticsDb, sampleOf } from '../analytics/testing/analytics-test-db.js';
import type { ClusterStateService } from '../cache/cluster-state.service.js';
import type { PveGuest } from '../proxmox/proxmox.types.js';
import type { AlertRulesService } from './alert-rules.service.js';
import { RulePreviewService } from './rule-preview.service.js';

const NOW = 1_800_000_000_000;
const T = NOW / 1000 - 3_600;
let ds: DataSource;
let repo: AnalyticsRepository;

beforeEach(async () => ({ dataSource: ds, repository: repo } = await openAnalyticsDb()));
afterEach(async () => ds.destroy());

function guest(vmid: number, tags: string[], node = 'pve1'): PveGuest {
  return {
    ...{ vmid, type: 'lxc', node, name: `ct${vmid}`, status: 'running', tags, template: false },
    ...{ cpu: 0, maxcpu: 1, mem: 0, maxmem: 1, disk: 0, maxdisk: 1, uptime: 0 },
    ...{ netin: 0, netout: 0, diskread: 0, diskwrite: 0 },
  };
}

function service(guests: PveGuest[] | Error): RulePreviewService {
  const clusterState = {
    snapshot: () =>
      guests instanceof Error
        ? Promise.reject(guests)
        : Promise.resolve({ resources: { guests, nodes: [], storages: [] } }),
  } as unknown as ClusterStateService;
  const rules = { validate: () => Promise.resolve() } as unknown as AlertRulesService;
  return new RulePreviewService(repo, clusterState, rules);
}

/** `ups` every 60 s from T: 1 running, 0 stopped; cpu fraction `cpu`. */
function series(vmid: number, ups: number[], cpu = 0): SampleRow[] {
  return ups.map((up, i) => ({ ...sampleOf(vmid, T + i * 60, 0, 60), up, cpu }));
}

describe('RulePreviewService', () => {
  it('replays expect-state on the up column of the CTs whose tag asks for a state', async () => {
    repo.writeCycle(
      [...series(101, [1, 0, 0, 1]), ...series(102, [0, 1, 0]), ...series(103, [0, 0])],
      [],
    );
    const svc = service([
      guest(101, ['pxc.expect.running']),
      guest(102, ['pxc.expect=stopped']),
      guest(103, []),
    ]);
    const res = await svc.preview({ kind: 'expect-state', forS: 60 }, NOW);
    expect(res.supported).toBe(true);
    expect(res.firings.map((f) => [f.subject.vmid, f.startsAt, f.endsAt, f.message])).toEqual([
      [
        101,
        new Date((T + 120) * 1000).toISOString(),
        new Date((T + 180) * 1000).toISOString(),
        'CT 101 (ct101) was stopped against its tag for 2 min',
      ],
    ]);
    const quick = await svc.preview({ kind: 'expect-state', forS: 0 }, NOW);
    expect(quick.firings.map((f) => [f.subject.vmid, f.message])).toEqual([
      [101, 'CT 101 (ct101) was stopped against its tag for 2 min'],
      [102, 'CT 102 (ct102) was running against its tag for 60 s'],
    ]);
  });

  it('scopes a threshold rule by tag or node through the current cluster view', async () => {
    repo.writeCycle([...series(101, [1, 1], 0.95), ...series(102, [1, 1], 0.95)], []);
    const svc = service([guest(101, ['web']), guest(102, ['db'], 'pve2')]);
    const byTag = await svc.preview(
      { kind: 'cpu', threshold: 90, scopeKind: 'tag', scopeValue: 'web' },
      NOW,
    );
    expect(byTag.firings.map((f) => f.message)).toEqual([
      'CT 101 (ct101) cpu above 90% for 2 min, peak 95%',
    ]);
    const byNode = await svc.preview(
      { kind: 'cpu', threshold: 90, scopeKind: 'node', scopeValue: 'pve2' },
      NOW,
    );
    expect(byNode.firings.map((f) => [f.subject.vmid, f.subject.node])).toEqual([[102, 'pve2']]);
  });

  it('replays node-offline on the nodes’ up column', async () => {
    const node = (t: number, up: number): SampleRow => ({ ...sampleOf('pve2', t, 0, 60), up });
    repo.writeCycle([], [node(T, 1), node(T + 60, 0), node(T + 120, 1)]);
    const res = await service([]).preview({ kind: 'node-offline' }, NOW);
    expect(res.firings).toEqual([
      {
        subject: { type: 'node', node: 'pve2' },
        startsAt: new Date((T + 60) * 1000).toISOString(),
        endsAt: new Date((T + 120) * 1000).toISOString(),
        peak: 100,
        message: 'Node pve2 was offline for 60 s',
      },
    ]);
  });

  it('without the cluster view: vmids still work (no names), a tag scope says why it cannot', async () => {
    repo.writeCycle(series(101, [1], 0.95), []);
    const svc = service(new Error('connect ECONNREFUSED'));
    const byVmid = await svc.preview(
      { kind: 'cpu', threshold: 90, scopeKind: 'vmids', scopeValue: '101' },
      NOW,
    );
    expect(byVmid.firings.map((f) => f.message)).toEqual([
      'CT 101 cpu above 90% for 60 s, peak 95%',
    ]);
    expect(byVmid.note).toBe('Proxmox cannot be read now: CT names are missing');
    const byTag = await svc.preview(
      { kind: 'cpu', threshold: 90, scopeKind: 'tag', scopeValue: 'web' },
      NOW,
    );
    expect(byTag).toMatchObject({ supported: false, total: 0 });
    expect(byTag.note).toBe('Proxmox cannot be read now to know which CTs are in tag web');
  });
});
