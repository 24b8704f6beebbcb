import { describe, expect, it } from 'vitest';
import { FEATURES } from './permission-features.js';
import { evaluateFeatures, type PermissionMap } from './permission-report.js';

const byFeature = (map: PermissionMap) =>
  Object.fromEntries(evaluateFeatures(map, FEATURES).map((f) => [f.feature, f]));

describe('evaluateFeatures', () => {
  it('inherits a propagated grant on / down to /vms, /storage and /nodes', () => {
    const all = byFeature({
      '/': {
        'VM.Audit': 1,
        'VM.PowerMgmt': 1,
        'VM.Allocate': 1,
        'Sys.Audit': 1,
        'Datastore.AllocateSpace': 1,
        'Datastore.AllocateTemplate': 1,
        'SDN.Use': 1,
        'VM.Config.CPU': 1,
        'VM.Config.Memory': 1,
        'VM.Config.Network': 1,
        'VM.Config.Options': 1,
        'VM.Config.Disk': 1,
        'VM.Snapshot': 1,
        'VM.Backup': 1,
        'VM.Console': 1,
        'Sys.Modify': 1,
      },
    });
    expect(Object.values(all).every((f) => f.available)).toBe(true);
  });

  it('does not inherit a grant whose propagate flag is 0', () => {
    const report = byFeature({ '/': { 'VM.PowerMgmt': 0 } });
    expect(report.power).toMatchObject({
      available: false,
      missing: [{ privilege: 'VM.PowerMgmt', path: '/vms', grantedOn: [] }],
    });
  });

  it('takes the most specific listed path over its ancestors', () => {
    const report = byFeature({ '/': { 'VM.PowerMgmt': 1 }, '/vms': { 'VM.Audit': 1 } });
    expect(report.power.available).toBe(false);
    expect(report.inspect.available).toBe(true);
  });

  it('names every missing privilege of a feature with its path', () => {
    const report = byFeature({ '/vms': { 'VM.Allocate': 1 } });
    expect(report.create.missing).toEqual([
      { privilege: 'VM.Config.CPU', path: '/vms', grantedOn: [] },
      { privilege: 'VM.Config.Memory', path: '/vms', grantedOn: [] },
      { privilege: 'VM.Config.Disk', path: '/vms', grantedOn: [] },
      { privilege: 'VM.Config.Network', path: '/vms', grantedOn: [] },
      { privilege: 'VM.Config.Options', path: '/vms', grantedOn: [] },
      { privilege: 'Datastore.AllocateSpace', path: '/storage', grantedOn: [] },
      { privilege: 'SDN.Use', path: '/sdn/zones/localnetwork', grantedOn: [] },
    ]);
    expect(report.delete.available).toBe(true);
  });

  it('calls a feature partial when only narrower paths grant it', () => {
    const report = byFeature({ '/vms/101': { 'VM.PowerMgmt': 1 }, '/vms/102': { 'VM.Audit': 1 } });
    expect(report.power).toMatchObject({
      available: false,
      partial: true,
      missing: [{ privilege: 'VM.PowerMgmt', path: '/vms', grantedOn: ['/vms/101'] }],
    });
  });

  it('needs SDN.Use on the local bridges to create, granted on the zone or above', () => {
    const vms = {
      'VM.Allocate': 1,
      'VM.Config.CPU': 1,
      'VM.Config.Memory': 1,
      'VM.Config.Disk': 1,
    };
    const base = {
      '/vms': { ...vms, 'VM.Config.Network': 1, 'VM.Config.Options': 1 },
      '/storage': { 'Datastore.AllocateSpace': 1 },
    };
    expect(
      byFeature({ ...base, '/sdn/zones/localnetwork': { 'SDN.Use': 1 } }).create.available,
    ).toBe(true);
    expect(
      byFeature({ ...base, '/sdn/zones/localnetwork/vmbr0': { 'SDN.Use': 1 } }).create,
    ).toMatchObject({
      available: false,
      partial: true,
    });
  });

  it('accepts an alternative privilege where PVE does (storage listing)', () => {
    expect(byFeature({ '/storage': { 'Datastore.AllocateSpace': 1 } }).storage.available).toBe(
      true,
    );
    expect(byFeature({}).storage.missing[0]).toMatchObject({
      privilege: 'Datastore.Audit',
      path: '/storage',
    });
  });
});
