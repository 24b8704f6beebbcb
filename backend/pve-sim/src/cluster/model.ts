import type { GuestProfile, NodeProfile } from '../metrics/profiles.js';

export type GuestType = 'lxc' | 'qemu';
export type ConfigValue = string | number;

export interface SimNode {
  name: string;
  nodeid: number;
  ip: string;
  cpus: number;
  memory: number;
  rootfs: number;
  swap: number;
  bootAt: number;
  installedAt: number;
  online: boolean;
  /** epoch second of the upgrade from PVE 8 (the old RRD files' last update), if recent */
  upgradedAt?: number;
  profile: NodeProfile;
}

export interface StorageDef {
  storage: string;
  type: 'dir' | 'lvmthin';
  content: string[];
  total: number;
}

/** A file in a storage: a CT template (vztmpl) or a guest volume (rootdir/images). */
export interface Volume {
  node: string;
  storage: string;
  volid: string;
  content: 'vztmpl' | 'rootdir' | 'images' | 'backup';
  format: string;
  size: number;
  ctime: number;
  vmid?: number;
  /** backups: the first line of the `.notes` file */
  notes?: string;
  /** backups: a `.protected` file exists (PVE::Storage::protection_file_path) */
  protected?: boolean;
  /** backups: 'lxc' or 'qemu' (archive_info's type) */
  subtype?: GuestType;
  /** backups: the guest config in the archive, what LXC::Create::recover_config reads back */
  archivedConfig?: Record<string, ConfigValue>;
}

/** A period the guest was running: [from, to), `to` unset while it still runs. */
export interface RunInterval {
  from: number;
  to?: number;
}

/** A snapshot in the CT config: a copy of the config keys and its place in the tree. */
export interface Snapshot {
  name: string;
  description?: string;
  snaptime: number;
  parent?: string;
  /** 'prepare' while the vzsnapshot task runs, 'delete' while vzdelsnapshot does */
  snapstate?: string;
  config: Record<string, ConfigValue>;
}

/** The `[pending]` section of a CT config: values to set and keys to remove at the next start. */
export interface PendingChanges {
  values: Record<string, ConfigValue>;
  delete: string[];
}

/**
 * An HA resource (ha/resources.cfg `ct:<vmid>`): the state asked for, and the CRM's service state
 * from manager_status (PVE::HA::Manager: stopped, request_stop, started, fence, error, ...), which
 * /cluster/resources shows as `hastate` and status/current as `ha.state`.
 */
export interface HaService {
  requested: 'started' | 'stopped';
  state: string;
}

export interface Guest {
  vmid: number;
  type: GuestType;
  node: string;
  status: 'running' | 'stopped';
  config: Record<string, ConfigValue>;
  pool?: string;
  createdAt: number;
  /** Epoch the counters (netin, diskread, ...) last reset: the last start. */
  bootAt: number;
  runs: RunInterval[];
  pid: number;
  profile: GuestProfile;
  /** Changes PVE could not apply to the running CT (LXC/Config.pm vmconfig_hotplug_pending). */
  pending?: PendingChanges;
  /** Snapshot sections of the config, by name; the current state's parent is `config.parent`. */
  snapshots?: Map<string, Snapshot>;
  /** a fault: the CT's init ignores shutdown requests, so vzshutdown waits out its timeout */
  ignoresShutdown?: boolean;
  /** set when the CT is an HA resource */
  ha?: HaService;
}

export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;

/** PVE::Tools property strings are 'default,key=value,...'; values here have passed validation. */
export function splitPropertyString(text: string, defaultKey?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0 && defaultKey) out[defaultKey] = part;
    else if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export function joinPropertyString(values: Record<string, string>, first?: string): string {
  const keys = Object.keys(values).sort();
  const head = first !== undefined && values[first] !== undefined ? [values[first]] : [];
  return [...head, ...keys.filter((k) => k !== first).map((k) => `${k}=${values[k]}`)].join(',');
}

/** '8G' / '512M' / '4' (GiB) as bytes. */
export function sizeToBytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT])?$/.exec(size);
  if (!m) return 0;
  const power = m[2] ? 'KMGT'.indexOf(m[2]) + 1 : 3;
  return Math.round(Number(m[1]) * 1024 ** power);
}

export function guestName(g: Guest): string {
  return String(g.config.hostname ?? g.config.name ?? `CT${g.vmid}`);
}

export function guestMaxmem(g: Guest): number {
  return Number(g.config.memory ?? 512) * MIB;
}

export function guestMaxswap(g: Guest): number {
  return Number(g.config.swap ?? 512) * MIB;
}

export function guestCpus(g: Guest, node: SimNode): number {
  return g.config.cores !== undefined ? Number(g.config.cores) : node.cpus;
}

export function guestMaxdisk(g: Guest): number {
  const rootfs = g.config.rootfs ?? g.config.scsi0;
  if (rootfs === undefined) return 0;
  return sizeToBytes(splitPropertyString(String(rootfs), 'volume').size ?? '0');
}

export function isTemplate(g: Guest): boolean {
  return Number(g.config.template ?? 0) === 1;
}

export function guestLock(g: Guest): string | undefined {
  return g.config.lock === undefined ? undefined : String(g.config.lock);
}

/** vzdump's strftime("%Y_%m_%d-%H_%M_%S", localtime) on a node whose clock is UTC. */
export function backupStamp(sec: number): string {
  const d = new Date(sec * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}_${p(d.getUTCMonth() + 1)}_${p(d.getUTCDate())}`;
  return `${date}-${p(d.getUTCHours())}_${p(d.getUTCMinutes())}_${p(d.getUTCSeconds())}`;
}
