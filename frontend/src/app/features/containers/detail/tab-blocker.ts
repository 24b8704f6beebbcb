/** What decides whether an action of a container page's tab (backups, snapshots, settings) can start. */
export interface TabActionState {
  /** Proxmox answers, so changes can be sent. */
  readonly writable: boolean;
  /** Another action of this page is still following its task (omit where that does not matter). */
  readonly busy?: boolean;
  /** The container's lock, when this action needs it unlocked (PVE's check_lock). */
  readonly lock?: string | null;
  /** The console role's or the token's refusal of the action in general ('' if allowed). */
  readonly denied: string;
  /** The token's refusal on this very container (pool or path ACLs), '' if allowed. */
  readonly deniedHere?: string;
  /** How the offline reason names what is paused. */
  readonly what?: 'actions' | 'changes';
}

/**
 * Why the action cannot start now, or '' when it can, in one order for every tab: Proxmox
 * unreachable, another action running, a lock, then the refusals (role or token in general, then
 * on this container).
 */
export function tabBlocker(state: TabActionState): string {
  if (!state.writable) return `Proxmox cannot be reached: ${state.what ?? 'actions'} are disabled`;
  if (state.busy) return 'Another action is running';
  if (state.lock) return `Locked (${state.lock}) by a running task`;
  return state.denied || state.deniedHere || '';
}
