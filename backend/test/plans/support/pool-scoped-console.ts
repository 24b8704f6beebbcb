import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startPveSim, type PveSimHandle } from '../../../pve-sim/src/index.js';
import {
  type ConsoleHarness,
  type HarnessOptions,
  startConsole,
} from '../../support/console-harness.js';

/**
 * The console's token scoped like a team's: it sees everything (PVEAuditor on /: Datastore.Audit,
 * no AllocateSpace) but may act only on the `web` pool (101, 102) and on CT 106; 103-105 and
 * 107-111 are outside its reach.
 */
export const POOL_SCOPED = {
  '/': ['PVEAuditor'],
  '/pool/web': ['PVEVMAdmin'],
  '/vms/106': ['PVEVMAdmin'],
};

export interface PoolScopedConsole {
  sim: PveSimHandle;
  h: ConsoleHarness;
  tokenId: string;
  /** Replaces the token's ACL in the simulator (privilege separation on). */
  setTokenAcl(privileges: Record<string, string[]>): Promise<void>;
  stop(): Promise<void>;
}

/** pve-sim with a pool-scoped token, and the console using that token. */
export async function startPoolScopedConsole(
  tokenId: string,
  options: Pick<HarnessOptions, 'env'> = {},
): Promise<PoolScopedConsole> {
  const secret = randomUUID();
  const sim = await startPveSim({
    port: 0,
    speed: 0.02,
    controlPort: 0,
    authFailDelayMs: 10,
    proxyTimeoutMs: 50,
    dataDir: join(mkdtempSync(join(tmpdir(), 'plans-sim-')), 'pve-sim'),
    tokens: [{ tokenId, secret, privsep: true, privileges: POOL_SCOPED }],
  });
  const h = await startConsole({
    existingSim: sim,
    env: { ...options.env, PROXICLOUD_PVE_TOKEN_ID: tokenId, PROXICLOUD_PVE_TOKEN_SECRET: secret },
  });
  return {
    sim,
    h,
    tokenId,
    async setTokenAcl(privileges) {
      const res = await fetch(`${sim.controlUrl}/access/token-acl`, {
        method: 'POST',
        body: JSON.stringify({ tokenid: tokenId, privsep: true, privileges }),
      });
      expect(res.status).toBe(200);
    },
    async stop() {
      await h.stop();
      await sim.stop();
    },
  };
}

export interface PlanTarget {
  vmid: number;
  name: string;
  node: string;
  allowed: boolean;
  reason?: string;
  warnings: { code: string; message: string }[];
  status: string;
  upid?: string;
  error?: string;
}

export interface PlanBody {
  id: string;
  action: string;
  state: string;
  params: Record<string, unknown>;
  targets: PlanTarget[];
  createdAt: string;
  expiresAt: string;
}

export async function createPlan(
  h: ConsoleHarness,
  body: Record<string, unknown>,
): Promise<PlanBody> {
  const res = await h.post<PlanBody>('/api/plans', body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** Reads the plan until it is neither planned nor running. */
export async function settledPlan(h: ConsoleHarness, id: string): Promise<PlanBody> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await h.get<PlanBody>(`/api/plans/${id}`);
    expect(res.status, res.text).toBe(200);
    if (!['planned', 'running'].includes(res.body.state)) return res.body;
    if (Date.now() > deadline) throw new Error(`plan ${id} still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const byVmid = (p: PlanBody): Record<number, PlanTarget> =>
  Object.fromEntries(p.targets.map((t) => [t.vmid, t]));
