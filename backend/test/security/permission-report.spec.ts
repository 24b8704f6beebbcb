import type { LoggerService } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { PermissionsService } from '../../src/permissions/permissions.service.js';
import type { ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

const READONLY = { id: 'auditor@pve!readonly', secret: '7c1e9f20-5d3b-4e8a-a6b4-0c2d4e6f8a10' };

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

type Feature = {
  feature: string;
  available: boolean;
  partial: boolean;
  missing: { privilege: string; path: string; grantedOn: string[] }[];
};
const features = (body: { features: Feature[] }) =>
  Object.fromEntries(body.features.map((f) => [f.feature, f]));

describe('GET /api/permissions against pve-sim tokens', () => {
  it('reports every feature available for a token with full rights', async () => {
    h = await startSecuredConsole();
    const res = await h.get('/api/permissions');
    expect(res.status).toBe(200);
    expect(res.body.tokenId).toBe('proxicloud@pve!it');
    expect(res.body.features.map((f: Feature) => f.feature)).toEqual([
      'inspect',
      'power',
      'create',
      'create-privileged',
      'delete',
      'configure',
      'resize',
      'snapshots',
      'rollback',
      'templates',
      'storage',
      'backup',
      'console',
      'nodes',
    ]);
    expect(res.body.features.filter((f: Feature) => !f.available)).toEqual([]);
  });

  it('names the missing privilege and path of each feature for the read-only auditor token', async () => {
    h = await startSecuredConsole({
      env: { PROXICLOUD_PVE_TOKEN_ID: READONLY.id, PROXICLOUD_PVE_TOKEN_SECRET: READONLY.secret },
    });
    const report = features((await h.get('/api/permissions')).body);
    expect(report.inspect.available).toBe(true);
    expect(report.nodes.available).toBe(true);
    expect(report.storage.available).toBe(true);
    expect(report.power.missing).toEqual([
      { privilege: 'VM.PowerMgmt', path: '/vms', grantedOn: [] },
    ]);
    expect(report.delete.missing).toEqual([
      { privilege: 'VM.Allocate', path: '/vms', grantedOn: [] },
    ]);
    expect(report.backup.missing.map((m) => `${m.privilege} ${m.path}`)).toEqual([
      'VM.Backup /vms',
      'Datastore.AllocateSpace /storage',
    ]);
    expect(report.console.missing).toEqual([
      { privilege: 'VM.Console', path: '/vms', grantedOn: [] },
    ]);
    expect(report['create-privileged'].missing).toEqual([
      { privilege: 'Sys.Modify', path: '/', grantedOn: [] },
    ]);
    expect(report.create.missing.map((m) => `${m.privilege} ${m.path}`)).toEqual([
      'VM.Allocate /vms',
      'VM.Config.CPU /vms',
      'VM.Config.Memory /vms',
      'VM.Config.Disk /vms',
      'VM.Config.Network /vms',
      'VM.Config.Options /vms',
      'Datastore.AllocateSpace /storage',
      'SDN.Use /sdn/zones/localnetwork',
    ]);
    expect(report.configure.missing.map((m) => `${m.privilege} ${m.path}`)).toEqual([
      'VM.Config.CPU /vms',
      'VM.Config.Memory /vms',
      'VM.Config.Network /vms',
      'VM.Config.Options /vms',
      'SDN.Use /sdn/zones/localnetwork',
    ]);
    expect(report.resize.missing.map((m) => `${m.privilege} ${m.path}`)).toEqual([
      'VM.Config.Disk /vms',
      'VM.Config.Options /vms',
      'Datastore.AllocateSpace /storage',
    ]);
    expect(report.snapshots.missing).toEqual([
      { privilege: 'VM.Snapshot', path: '/vms', grantedOn: [] },
    ]);
    expect(report.rollback.missing).toEqual([
      { privilege: 'VM.Snapshot.Rollback', path: '/vms', grantedOn: [] },
    ]);
    expect(report.templates.missing).toEqual([
      { privilege: 'Datastore.AllocateTemplate', path: '/storage', grantedOn: [] },
    ]);
  });

  it('reports power as partial for a token allowed to power one container only', async () => {
    const tokenId = 'limited@pve!one';
    const secret = '11111111-2222-4333-8444-555555555555';
    h = await startSecuredConsole({
      sim: {
        tokens: [
          {
            tokenId,
            secret,
            privsep: false,
            privileges: { '/': ['PVEAuditor'], '/vms/101': ['VM.PowerMgmt'] },
          },
        ],
      },
      env: { PROXICLOUD_PVE_TOKEN_ID: tokenId, PROXICLOUD_PVE_TOKEN_SECRET: secret },
    });
    const report = features((await h.get('/api/permissions')).body);
    expect(report.power).toMatchObject({
      available: false,
      partial: true,
      missing: [{ privilege: 'VM.PowerMgmt', path: '/vms', grantedOn: ['/vms/101'] }],
    });
    expect(report.inspect.available).toBe(true);
  });

  it('answers 503 saying why when Proxmox cannot be asked, and needs a signed-in caller', async () => {
    h = await startSecuredConsole();
    expect((await h.anonymous.get('/api/permissions')).status).toBe(401);
    await h.sim.faults.setDown(true);
    const res = await h.get('/api/permissions');
    expect(res.status).toBe(503);
    expect(res.body.reason).toBe('unreachable');
    await h.sim.faults.setDown(false);
  });

  it('warns at start about each feature the token leaves out', async () => {
    const lines: string[] = [];
    const keep = (message: unknown) => void lines.push(String(message));
    const logger: LoggerService = { log: keep, warn: keep, error: keep };
    h = await startSecuredConsole({
      logger,
      env: { PROXICLOUD_PVE_TOKEN_ID: READONLY.id, PROXICLOUD_PVE_TOKEN_SECRET: READONLY.secret },
    });
    await h.app.get(PermissionsService).logAtStart();
    const warnings = lines.filter((l) => /unavailable, the Proxmox token lacks/.test(l));
    expect(warnings).toHaveLength(11);
    expect(warnings).toContain(
      'Start, stop, shut down and reboot containers: unavailable, the Proxmox token lacks VM.PowerMgmt on /vms',
    );
  });
});
