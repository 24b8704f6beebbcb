import type { PveGuest, PveVersion, PowerAction } from '../proxmox/proxmox.types.js';
import type { ShutdownContainerDto } from './dto/shutdown-container.dto.js';

type PowerParams = Record<string, string | number | boolean>;

/** Status.pm vm_shutdown's defaults: wait 60 s, do not kill. */
export const SHUTDOWN_DEFAULTS = { timeout: 60, forceStop: false };

/**
 * Whether the node's stop endpoint takes `overrule-shutdown` (pve-container 5.0.10, "fix #4474",
 * shipped with PVE 8.2): older nodes answer 400 for the unknown parameter.
 */
export function hasOverruleShutdown(version: Pick<PveVersion, 'version'>): boolean {
  const [major, minor] = version.version.split('.').map(Number);
  return major > 8 || (major === 8 && minor >= 2);
}

/**
 * PVE's parameters for a power action. A stop aborts a pending shutdown (`overrule-shutdown=1`),
 * else the stop worker waits 10 s for the config lock the shutdown holds and fails; HA-managed
 * CTs refuse the parameter ("Not applicable for HA resources"), older nodes do not know it.
 */
export function powerParams(
  action: PowerAction,
  guest: Pick<PveGuest, 'hastate'>,
  version: Pick<PveVersion, 'version'> | undefined,
  shutdown: ShutdownContainerDto = {},
): PowerParams {
  if (action === 'stop') {
    const overrule = !guest.hastate && version !== undefined && hasOverruleShutdown(version);
    return overrule ? { 'overrule-shutdown': 1 } : {};
  }
  if (action === 'shutdown') {
    const params: PowerParams = { timeout: shutdown.timeout ?? SHUTDOWN_DEFAULTS.timeout };
    if (shutdown.forceStop) params.forceStop = 1;
    return params;
  }
  return {};
}

/** 409 text for a CT whose config carries a lock: Proxmox would accept and then fail the task. */
export function lockedMessage(vmid: number, action: PowerAction, lock: string): string {
  return `CT ${vmid} is locked (${lock}): Proxmox would accept the ${action} and fail its task; try again when the ${lock} ends`;
}
