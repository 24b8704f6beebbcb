import type { TaskSummary } from '../proxmox/proxmox.types.js';

/** What the console itself did (the activity log, plans included), as correlation needs it. */
export interface ConsoleAction {
  at: number;
  actor: string;
  action: string;
  upid: string | null;
  result: string;
  endedAt: number | null;
}

/** A CT that was running at `runningAt` and is stopped or gone now. */
export interface DownCandidate {
  vmid: number;
  node: string;
  /** epoch ms of the last cycle that saw it running */
  runningAt: number;
  /** lock and HA state from the last and the current cluster view */
  locks: string[];
  hastates: string[];
}

/** Console actions that take a CT down on purpose. */
const DOWN_ACTIONS = new Set([
  'stop',
  'shutdown',
  'reboot',
  'delete',
  'migrate',
  'restore',
  'backup',
]);

/**
 * PVE worker types that stop a CT (pve-container src/PVE/API2/LXC/Status.pm vm_stop/vm_shutdown/
 * vm_reboot, LXC.pm destroy, API2/LXC.pm migrate_vm; pve-manager PVE/API2/VZDump.pm; HA's
 * hastop/hashutdown/hamigrate/harelocate from pve-ha-manager crm-command).
 */
const DOWN_TASKS: Record<string, string> = {
  vzstop: 'stop',
  vzshutdown: 'shutdown',
  vzreboot: 'reboot',
  vzdestroy: 'delete',
  vzmigrate: 'migrate',
  vzrestore: 'restore',
  vzdump: 'backup (vzdump)',
  hastop: 'HA stop',
  hashutdown: 'HA shutdown',
  hamigrate: 'HA migrate',
  harelocate: 'HA relocation',
};

/** HA states of a resource that mean HA itself stops or moves it (pve-ha-manager Resources). */
const HA_DOWN_STATES = new Set([
  'stopped',
  'request_stop',
  'disabled',
  'migrate',
  'relocate',
  'freeze',
]);
/** Config locks held while PVE takes the CT down on purpose (pve-container LXC/Config.pm). */
const DOWN_LOCKS: Record<string, string> = {
  backup: 'a backup (vzdump) held the backup lock',
  migrate: 'a migration held the migrate lock',
  destroyed: 'it is being deleted',
  rollback: 'a snapshot rollback held the lock',
  restore: 'a restore held the lock',
};

/** SKEW_MS covers the node's and the console's clocks disagreeing a little. */
const SKEW_MS = 5_000;

export function clock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function taskUser(t: TaskSummary): string {
  return t.tokenid ? `${t.user}!${t.tokenid}` : t.user;
}

/** A task about this CT (a backup job's vzdump has no id: any on the node counts). */
function concerns(t: TaskSummary, c: DownCandidate): boolean {
  if (t.node !== c.node && t.type !== 'vzmigrate' && t.type !== 'hamigrate') return false;
  return t.id === String(c.vmid) || (t.type === 'vzdump' && t.id === '');
}

/** Running at or after the last time the CT was seen running. */
function overlaps(t: TaskSummary, runningAt: number): boolean {
  return t.status === 'running' || (t.endtime ?? t.starttime) * 1000 >= runningAt - SKEW_MS;
}

function consoleOverlaps(a: ConsoleAction, runningAt: number): boolean {
  return a.result === 'started' || (a.endedAt ?? a.at) >= runningAt - SKEW_MS;
}

/**
 * Why a CT went down, when something on purpose explains it; undefined when nothing does (that
 * is the alert). `actions` are the console's records for this CT, `tasks` Proxmox's for its node.
 */
export function explainDown(
  c: DownCandidate,
  actions: ConsoleAction[],
  tasks: TaskSummary[] | undefined,
): string | undefined {
  const own = actions.filter((a) => DOWN_ACTIONS.has(a.action) && consoleOverlaps(a, c.runningAt));
  const mine = own.at(-1);
  if (mine) return `${mine.action} by ${mine.actor} via console at ${clock(mine.at)}; not alerted`;
  const lock = c.locks.find((l) => DOWN_LOCKS[l]);
  if (lock) return `${DOWN_LOCKS[lock]}; not alerted`;
  const ha = c.hastates.find((s) => HA_DOWN_STATES.has(s));
  if (ha) return `HA requested state '${ha}'; not alerted`;
  const task = (tasks ?? [])
    .filter((t) => DOWN_TASKS[t.type] && concerns(t, c) && overlaps(t, c.runningAt))
    .sort((a, b) => b.starttime - a.starttime)[0];
  if (!task) return undefined;
  const byConsole = actions.find((a) => a.upid === task.upid);
  const who = byConsole ? `${byConsole.actor} via console` : `${taskUser(task)} via Proxmox`;
  return `${DOWN_TASKS[task.type]} by ${who} (task ${task.type}) at ${clock(task.starttime * 1000)}; not alerted`;
}

/** Whether any of these tasks could explain a CT going down (tells the engine to read them). */
export function needsTasks(c: DownCandidate, actions: ConsoleAction[]): boolean {
  return explainDown(c, actions, []) === undefined;
}
