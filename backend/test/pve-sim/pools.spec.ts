import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { ROOT_TOKEN, startTestSim, type SimClient } from './sim-client.js';

// A privilege-separated token of a user the scenario does not know: its rights are its own ACL.
const POOLED = {
  tokenId: 'ops@pve!web',
  secret: '9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  privsep: true,
  privileges: { '/': ['PVEAuditor'], '/pool/web': ['PVEVMUser'] },
};

let sim: PveSimHandle;
let root: SimClient;
let pooled: SimClient;

beforeAll(async () => {
  ({ sim, api: root } = await startTestSim({
    controlPort: 0,
    tokens: [{ ...ROOT_TOKEN, privsep: false }, POOLED],
  }));
  pooled = root.withAuth({ token: `${POOLED.tokenId}=${POOLED.secret}` });
});
afterAll(async () => {
  await pooled.close();
  await root.close();
  await sim.stop();
});

const privs = async (path: string): Promise<Record<string, number>> => {
  const res = await pooled.get('/access/permissions', { path });
  return (res.body.data as Record<string, Record<string, number>>)[path] ?? {};
};

describe('pools and pool-scoped ACLs', () => {
  it('lists each guest with its pool and the pools themselves in /cluster/resources', async () => {
    const res = await root.get('/cluster/resources');
    const entries = res.body.data as { type: string; vmid?: number; pool?: string }[];
    expect(entries.find((e) => e.vmid === 101)?.pool).toBe('web');
    expect(entries.find((e) => e.vmid === 105)?.pool).toBeUndefined();
    expect(entries.filter((e) => e.type === 'pool').map((e) => e.pool)).toEqual(['web', 'data']);
  });

  it('grants a role on /pool/<pool> on the /vms/<vmid> of every member, and only there', async () => {
    expect(await privs('/vms/101')).toHaveProperty('VM.PowerMgmt');
    expect(await privs('/vms/102')).toHaveProperty('VM.PowerMgmt');
    expect(await privs('/vms/103')).not.toHaveProperty('VM.PowerMgmt');
    expect(await privs('/vms/105')).not.toHaveProperty('VM.PowerMgmt');
    expect(await privs('/vms/105')).toHaveProperty('VM.Audit');
  });

  it('answers the whole map for the top-level paths, ACL paths and pool members only, as get_effective_permissions does', async () => {
    const res = await pooled.get('/access/permissions');
    const paths = Object.keys(res.body.data as Record<string, unknown>);
    expect(paths).toEqual(expect.arrayContaining(['/', '/vms', '/storage', '/nodes', '/pool/web']));
    // members of any pool are listed (web: 101, 102); a guest in no pool and named by no ACL is
    // not, though the PVEAuditor grant on / reaches it: a client inherits from the parents
    expect(paths).toEqual(expect.arrayContaining(['/vms/101', '/vms/102']));
    expect(paths).not.toContain('/vms/105');
    expect(paths.filter((p) => p.startsWith('/nodes/'))).toEqual([]);
    expect(await privs('/vms/105'), 'asked for by path, it is answered').toHaveProperty('VM.Audit');
  });

  it('lets the pool-scoped token act on members and refuses it elsewhere with the path', async () => {
    const member = await pooled.post('/nodes/pve1/lxc/101/status/reboot');
    expect(member.status).toBe(200);
    const outside = await pooled.post('/nodes/pve2/lxc/105/status/start');
    expect(outside.status).toBe(403);
    expect(outside.statusText).toContain('/vms/105, VM.PowerMgmt');
  });

  it('changes a token ACL through the control API, keeping its secret', async () => {
    const set = async (body: unknown): Promise<number> =>
      (
        await fetch(`${sim.controlUrl}/access/token-acl`, {
          method: 'POST',
          body: JSON.stringify(body),
        })
      ).status;
    expect(
      await set({ tokenid: POOLED.tokenId, privsep: true, privileges: { '/': ['PVEVMUser'] } }),
    ).toBe(200);
    expect(await privs('/vms/105')).toHaveProperty('VM.PowerMgmt');
    expect(
      await set({ tokenid: POOLED.tokenId, privsep: true, privileges: POOLED.privileges }),
    ).toBe(200);
    expect(await privs('/vms/105')).not.toHaveProperty('VM.PowerMgmt');
    expect(await set({ tokenid: 'nobody@pve!x', privsep: true })).toBe(400);
  });
});
