import { E2E_CONTROL_PORT } from './settings.js';

const CONTROL_URL = `http://127.0.0.1:${E2E_CONTROL_PORT}`;

/**
 * Takes the simulated Proxmox down (it stops listening) or brings it back, through pve-sim's
 * fault-control API. Called from the test process: the page must only see what the console shows.
 */
export async function setProxmoxDown(down: boolean): Promise<void> {
  await control(down ? '/faults/down' : '/faults/up', { down });
}

/** Halts a running CT inside the simulated cluster, as if it crashed: no task, nobody asked. */
export async function crashGuest(vmid: number): Promise<void> {
  await control('/faults/crash-guest', { vmid });
}

async function control(path: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${CONTROL_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `pve-sim control ${path} answered ${response.status}: ${await response.text()}`,
    );
  }
}

/** The token demo mode makes for the console (backend/src/demo/demo-simulator.ts DEMO_TOKEN_ID). */
const CONSOLE_TOKEN = 'proxicloud@pve!demo';

/**
 * Narrows the console's own Proxmox token to these ACL entries (privilege separation on), as an
 * admin would with `pveum acl modify ... --tokens`; `null` gives it back its full rights (no
 * privilege separation, Administrator on /). The console notices with its next collection cycle.
 */
export async function setConsoleTokenAcl(
  privileges: Record<string, string[]> | null,
): Promise<void> {
  await control('/access/token-acl', {
    tokenid: CONSOLE_TOKEN,
    privsep: privileges !== null,
    ...(privileges ? { privileges } : {}),
  });
}
