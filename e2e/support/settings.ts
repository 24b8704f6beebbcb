/** Shared by the config (which starts the server) and the specs (which sign in to it). */
export const E2E_PORT = Number(process.env.PROXICLOUD_E2E_PORT ?? 18080);

/** The first admin, created by the server at start from these env values. */
export const E2E_ADMIN = { username: 'e2e-admin', password: 'e2e-admin-password' } as const;

/** Loopback port of pve-sim's fault-control API, which the offline spec uses to take Proxmox down. */
export const E2E_CONTROL_PORT = Number(process.env.PROXICLOUD_E2E_CONTROL_PORT ?? 18099);
