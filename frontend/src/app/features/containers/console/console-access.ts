import { FeaturePermissionDto } from '../../../api/models';
import { permissionHint } from '../../../core/auth/permissions.store';
import { Role, roleAllows } from '../../../core/auth/roles';

export interface ConsoleTarget {
  readonly vmid: number;
  readonly name: string;
  readonly status: string;
  readonly template?: boolean;
}

export interface ConsoleContext {
  readonly role: Role | null;
  /** The permission report's "console" feature (VM.Console on /vms). */
  readonly feature: FeaturePermissionDto | undefined;
  /** Whether the console can reach Proxmox now. */
  readonly writable: boolean;
}

/**
 * Why no terminal can open on this container now, in words the user acts on, or '' when one can.
 * The same checks the backend makes before the WebSocket upgrade (terminal.gateway.ts), asked
 * first because a browser hides why an upgrade was refused.
 */
export function consoleBlocker(ct: ConsoleTarget, ctx: ConsoleContext): string {
  if (!roleAllows(ctx.role, 'operator'))
    return `Opening a console needs the operator role; you are signed in as ${ctx.role ?? 'nobody'}. Ask an admin to change your role.`;
  if (!ctx.writable)
    return 'Proxmox cannot be reached: the console opens again once Proxmox answers.';
  if (ct.template) return `${ct.name} is a template: templates never run, so there is no shell.`;
  if (ct.status === 'stopped') return `${ct.name} is stopped. Start it to open a console.`;
  if (ct.status === 'unknown')
    return `The state of ${ct.name} is unknown (its node does not answer); the console opens once the node is back.`;
  if (ct.status !== 'running') return `${ct.name} is ${ct.status}; a console needs it running.`;
  const feature = ctx.feature;
  if (feature && !feature.available && !feature.partial)
    return `${permissionHint(feature)}, so it cannot open a console. Grant it to the token (the PVEVMUser role has it).`;
  return '';
}

/** What to say when the server refused the WebSocket although nothing above predicted it. */
export function refusedMessage(
  ct: ConsoleTarget,
  feature: FeaturePermissionDto | undefined,
): string {
  const partial = feature?.partial ? ` ${permissionHint(feature)}.` : '';
  return `The console server refused the terminal for CT ${ct.vmid}: the session may have ended, the token may lack VM.Console on /vms/${ct.vmid}, or Proxmox did not answer.${partial} Try Reconnect; sign in again if it keeps failing.`;
}
