import { afterEach, describe, expect, it } from 'vitest';
import { startPveSim, type PveSimHandle } from '../../pve-sim/src/index.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

const READONLY = { id: 'auditor@pve!readonly', secret: '7c1e9f20-5d3b-4e8a-a6b4-0c2d4e6f8a10' };
const WRONG_FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');

let h: ConsoleHarness | undefined;
let sim: PveSimHandle | undefined;

afterEach(async () => {
  await h?.stop();
  await sim?.stop();
  h = undefined;
  sim = undefined;
});

describe('privileges, TLS pinning and reachability', () => {
  it('answers 403 naming the missing privilege when the token may only read', async () => {
    h = await startConsole({
      env: { PROXICLOUD_PVE_TOKEN_ID: READONLY.id, PROXICLOUD_PVE_TOKEN_SECRET: READONLY.secret },
    });
    expect((await h.get('/api/containers')).status).toBe(200);
    const res = await h.post('/api/containers/101/stop');
    expect(res.status).toBe(403);
    expect(res.body.privilege).toBe('VM.PowerMgmt');
    expect(res.body.path).toBe('/vms/101');
    expect(res.body.message).toMatch(/lacks privilege VM\.PowerMgmt on \/vms\/101/);
  });

  it('works with the right fingerprint and refuses a wrong one, saying why in /api/health', async () => {
    sim = await startPveSim({
      port: 0,
      speed: 0,
      controlPort: false,
      authFailDelayMs: 10,
      tokens: [{ tokenId: 'proxicloud@pve!it', secret: 'c0ffee00-0000-4000-8000-000000000001' }],
    });
    const env = {
      PROXICLOUD_PVE_TOKEN_ID: 'proxicloud@pve!it',
      PROXICLOUD_PVE_TOKEN_SECRET: 'c0ffee00-0000-4000-8000-000000000001',
    };
    h = await startConsole({ existingSim: sim, env });
    expect((await h.get('/api/health')).status).toBe(200);
    await h.stop();

    h = await startConsole({
      existingSim: sim,
      env: { ...env, PROXICLOUD_PVE_FINGERPRINT: WRONG_FINGERPRINT },
    });
    const before = sim.requests.length;
    const health = await h.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.error.proxmox).toMatchObject({
      reason: 'tls',
      detail: 'fingerprint-mismatch',
    });
    expect(health.body.error.proxmox.message).toMatch(/fingerprint/i);
    const write = await h.post('/api/containers/101/stop');
    expect(write.status).toBe(503);
    expect(write.body.reason).toBe('tls');
    expect(sim.requests.length, 'nothing reached the unpinned server').toBe(before);
  });

  it('answers 503 with reason unreachable when Proxmox is down', async () => {
    h = await startConsole();
    await h.sim.faults.setDown(true);
    const health = await h.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.error.proxmox.reason).toBe('unreachable');
    const write = await h.post('/api/containers/101/stop');
    expect(write.status).toBe(503);
    expect(write.body.reason).toBe('unreachable');
    await h.sim.faults.setDown(false);
  });

  it('answers 503 with reason auth when the token is refused', async () => {
    h = await startConsole({
      env: { PROXICLOUD_PVE_TOKEN_SECRET: '00000000-0000-4000-8000-000000000000' },
    });
    const res = await h.get('/api/containers');
    expect(res.status).toBe(503);
    expect(res.body.reason).toBe('auth');
    expect(res.text).not.toContain('00000000-0000-4000-8000-000000000000');
  });
});
