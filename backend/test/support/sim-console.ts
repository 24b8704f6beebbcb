import { randomUUID } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { COLLECT_JOB } from '../../src/analytics/analytics.constants.js';
import { CollectorService } from '../../src/analytics/collector.service.js';
import { ClusterStateService } from '../../src/cache/cluster-state.service.js';
import { ROOT_TOKEN, type SimClient, startTestSim } from '../pve-sim/sim-client.js';
import { type ConsoleHarness, startConsole, TEST_TOKEN_ID } from './console-harness.js';

/**
 * A pve-sim at `speed` with a root token for acting in Proxmox as another user, the console on it
 * with its own token, and the scheduled collection off: the test runs each cycle itself.
 */
export interface SimConsole {
  sim: PveSimHandle;
  /** root@pam on the simulator: what someone does in Proxmox, not through the console */
  pve: SimClient;
  h: ConsoleHarness;
  /** one collection cycle, on a fresh cluster view */
  cycle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimConsole(speed: number): Promise<SimConsole> {
  const consoleSecret = randomUUID();
  const { sim, api: pve } = await startTestSim({
    speed,
    tokens: [
      { ...ROOT_TOKEN, privsep: false },
      { tokenId: TEST_TOKEN_ID, secret: consoleSecret, privsep: false },
    ],
  });
  const h = await startConsole({
    existingSim: sim,
    env: { PROXICLOUD_PVE_TOKEN_ID: TEST_TOKEN_ID, PROXICLOUD_PVE_TOKEN_SECRET: consoleSecret },
  });
  h.app.get(SchedulerRegistry).deleteInterval(COLLECT_JOB);
  return {
    sim,
    pve,
    h,
    async cycle() {
      h.app.get(ClusterStateService).invalidate();
      await h.app.get(CollectorService).runCycle();
    },
    async stop() {
      await h.stop();
      await sim.stop();
    },
  };
}
