import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { startPveSim, type PveSimHandle } from '../../pve-sim/src/index.js';

export const DEMO_TOKEN_ID = 'proxicloud@pve!demo';

export interface DemoCluster {
  config: AppConfig;
  sim: PveSimHandle;
}

/**
 * Demo mode: with no Proxmox configured, start pve-sim on a random loopback port with a fresh token
 * and point the normal client at it with the certificate fingerprint pinned. The client itself is
 * not told anything: it sees an HTTPS Proxmox API like any other.
 */
export async function startDemoCluster(
  config: AppConfig,
  log: (line: string) => void,
): Promise<DemoCluster> {
  const secret = randomUUID();
  const sim = await startPveSim({
    port: 0,
    host: '127.0.0.1',
    scenario: config.demo.scenario,
    speed: config.demo.speed,
    dataDir: join(config.dataDir, 'pve-sim'),
    tokens: [{ tokenId: DEMO_TOKEN_ID, secret, privsep: false }],
    controlPort: config.demo.controlPort ?? false,
    log,
  });
  const pve = {
    ...config.pve,
    urls: [sim.url],
    tokenId: DEMO_TOKEN_ID,
    tokenSecret: secret,
    fingerprints: [sim.fingerprint],
    insecure: false,
  };
  return { config: { ...config, pve, mode: 'demo' }, sim };
}
