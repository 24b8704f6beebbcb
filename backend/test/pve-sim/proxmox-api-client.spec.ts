import proxmoxApi from 'proxmox-api';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { ROOT_TOKEN, startTestSim, type SimClient } from './sim-client.js';

// An independent client (npm proxmox-api, generated from the PVE schema by its own author) drives
// pve-sim through its public surface only: a token, HTTPS pinned to the simulator's certificate.
let sim: PveSimHandle;
let api: SimClient;
let agent: Agent;

beforeAll(async () => {
  ({ sim, api } = await startTestSim({ speed: 0.01 }));
  agent = new Agent({ connect: { ca: sim.certificate } });
});
afterAll(async () => {
  await agent.close();
  await api.close();
  await sim.stop();
});

function client() {
  const pinnedFetch = ((url: string | URL, init?: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  return proxmoxApi({
    host: '127.0.0.1',
    port: sim.port,
    tokenID: ROOT_TOKEN.tokenId,
    tokenSecret: ROOT_TOKEN.secret,
    fetch: pinnedFetch,
  });
}

async function waitTask(
  pve: ReturnType<typeof client>,
  node: string,
  upid: string,
): Promise<string | undefined> {
  for (let i = 0; i < 500; i++) {
    const status = await pve.nodes.$(node).tasks.$(upid).status.$get();
    if (status.status === 'stopped') return status.exitstatus;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`task ${upid} did not finish`);
}

describe('the proxmox-api npm client against pve-sim', () => {
  it('lists nodes, then creates, starts, stops and deletes a CT with a token', async () => {
    const pve = client();
    const nodes = await pve.nodes.$get();
    expect(nodes.map((n) => n.node).sort()).toEqual(['pve1', 'pve2', 'pve3']);

    const node = pve.nodes.$('pve1');
    const vmid = await pve.cluster.nextid.$get();
    const create = await node.lxc.$post({
      vmid: Number(vmid),
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      hostname: 'from-proxmox-api',
      rootfs: 'local-lvm:4',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
    });
    expect(await waitTask(pve, 'pve1', create)).toBe('OK');

    const ct = node.lxc.$(Number(vmid));
    expect(await waitTask(pve, 'pve1', await ct.status.start.$post())).toBe('OK');
    expect((await ct.status.current.$get()).status).toBe('running');
    await expect(ct.status.start.$post()).rejects.toThrow(/already running/);
    expect(await waitTask(pve, 'pve1', await ct.status.stop.$post())).toBe('OK');
    expect(await waitTask(pve, 'pve1', await ct.$delete({ purge: true }))).toBe('OK');

    const lxc = await node.lxc.$get();
    expect(lxc.map((c) => c.vmid)).not.toContain(Number(vmid));
  });
});
