import type {
  AplInfoEntry,
  PermissionMap,
  RrdPoint,
  TaskLogLine,
  TaskSummary,
} from './proxmox.types.js';
import type { PveScalar, RawAplInfo, RawRrdPoint, RawTask } from './proxmox.raw.js';
import { splitTokenId } from './token-id.js';
import { toNumber, toOptionalNumber } from './proxmox.values.js';

/**
 * Task status entries say running/stopped (+ exitstatus); task list entries put the exit string
 * in `status` ("OK", "WARNINGS: 2", error text, or "RUNNING" while active).
 */
function taskState(raw: RawTask): Pick<TaskSummary, 'status' | 'exitstatus'> {
  const status = raw.status ?? '';
  if (status.toLowerCase() === 'running') {
    return { status: 'running' };
  }
  if (status === 'stopped') {
    return raw.exitstatus === undefined
      ? { status: 'stopped' }
      : { status: 'stopped', exitstatus: raw.exitstatus };
  }
  if (status === '' && raw.endtime === undefined) {
    return { status: 'running' };
  }
  return { status: 'stopped', exitstatus: status || raw.exitstatus || 'unexpected status' };
}

export function mapTask(raw: RawTask): TaskSummary {
  const { user, token } = splitTokenId(raw.user ?? '');
  const task: TaskSummary = {
    upid: raw.upid,
    node: raw.node ?? '',
    type: raw.type ?? '',
    id: raw.id ?? '',
    user,
    starttime: toNumber(raw.starttime),
    ...taskState(raw),
  };
  const tokenid = raw.tokenid ?? token;
  if (tokenid) {
    task.tokenid = tokenid;
  }
  const endtime = toOptionalNumber(raw.endtime);
  if (endtime !== undefined) {
    task.endtime = endtime;
  }
  return task;
}

/** PVE counts OK and WARNINGS: n as success; anything else in exitstatus is the error text. */
/**
 * The lock a failed task ran into: Status.pm's workers die `CT is locked (backup)` after taking the
 * config flock, or `can't lock file '/run/lock/lxc/pve-config-<vmid>.lock' - got timeout` when
 * another worker held that flock for 10 s (reported as the lock `config`).
 */
export function taskLock(task: TaskSummary): string | undefined {
  if (task.status !== 'stopped' || taskSucceeded(task)) return undefined;
  const message = task.exitstatus ?? '';
  const lock = /is locked \(([^)]+)\)/.exec(message);
  if (lock) return lock[1];
  return /can't lock file .* got timeout/.test(message) ? 'config' : undefined;
}

export function taskSucceeded(task: TaskSummary): boolean {
  return (
    task.status === 'stopped' &&
    (task.exitstatus === 'OK' || (task.exitstatus ?? '').startsWith('WARNINGS'))
  );
}

export function mapTaskLog(raw: { n?: PveScalar; t?: string }[]): TaskLogLine[] {
  return raw.map((line) => ({ n: toNumber(line.n), t: line.t ?? '' }));
}

/** RRD points leave out sources without a value; we keep it that way and never invent zeros. */
export function mapRrdPoint(raw: RawRrdPoint): RrdPoint {
  const point: RrdPoint = { time: toNumber(raw.time) };
  for (const [key, value] of Object.entries(raw)) {
    const parsed = key === 'time' ? undefined : toOptionalNumber(value);
    if (parsed !== undefined) {
      point[key] = parsed;
    }
  }
  return point;
}

export function mapAplInfo(raw: RawAplInfo): AplInfoEntry {
  const entry: AplInfoEntry = {
    template: raw.template ?? '',
    package: raw.package ?? '',
    headline: raw.headline ?? '',
    os: raw.os ?? '',
    version: raw.version ?? '',
    section: raw.section ?? '',
    type: raw.type ?? '',
  };
  for (const key of ['description', 'location', 'infopage', 'architecture'] as const) {
    const value = raw[key];
    if (value !== undefined) {
      entry[key] = value;
    }
  }
  return entry;
}

export function mapPermissions(
  raw: Record<string, Record<string, PveScalar>> | null,
): PermissionMap {
  const map: PermissionMap = {};
  for (const [path, privileges] of Object.entries(raw ?? {})) {
    map[path] = {};
    for (const [privilege, propagate] of Object.entries(privileges ?? {})) {
      map[path][privilege] = toNumber(propagate);
    }
  }
  return map;
}
