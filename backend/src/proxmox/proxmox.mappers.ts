import type {
  BackupJob,
  ClusterResources,
  ContainerInterface,
  ContainerStatus,
  GuestStatus,
  NodeStatus,
  PveGuest,
  PveNode,
  PveStorage,
  PveVersion,
  StorageContentItem,
} from './proxmox.types.js';
import type {
  PveScalar,
  RawBackupJob,
  RawClusterResource,
  RawContainerStatus,
  RawInterface,
  RawNodeStorage,
  RawStorageContent,
} from './proxmox.raw.js';
import { splitList, splitTags, toBool, toNumber, toOptionalNumber } from './proxmox.values.js';

export function mapVersion(raw: Partial<PveVersion> | null): PveVersion {
  return {
    version: String(raw?.version ?? ''),
    release: String(raw?.release ?? ''),
    repoid: String(raw?.repoid ?? ''),
  };
}

function nodeStatus(value: string | undefined): NodeStatus {
  return value === 'online' || value === 'offline' ? value : 'unknown';
}

function guestStatus(value: string | undefined): GuestStatus {
  return value === 'running' || value === 'stopped' || value === 'paused' ? value : 'unknown';
}

export function mapNode(raw: RawClusterResource): PveNode {
  const node: PveNode = {
    node: raw.node ?? '',
    status: nodeStatus(raw.status),
    cpu: toNumber(raw.cpu),
    maxcpu: toNumber(raw.maxcpu),
    mem: toNumber(raw.mem),
    maxmem: toNumber(raw.maxmem),
    disk: toNumber(raw.disk),
    maxdisk: toNumber(raw.maxdisk),
    uptime: toNumber(raw.uptime),
  };
  if (raw.ssl_fingerprint) {
    node.sslFingerprint = raw.ssl_fingerprint;
  }
  return node;
}

export function mapGuest(raw: RawClusterResource): PveGuest {
  const guest: PveGuest = {
    vmid: toNumber(raw.vmid),
    type: raw.type === 'qemu' ? 'qemu' : 'lxc',
    node: raw.node ?? '',
    name: raw.name ?? '',
    status: guestStatus(raw.status),
    cpu: toNumber(raw.cpu),
    maxcpu: toNumber(raw.maxcpu),
    mem: toNumber(raw.mem),
    maxmem: toNumber(raw.maxmem),
    disk: toNumber(raw.disk),
    maxdisk: toNumber(raw.maxdisk),
    netin: toNumber(raw.netin),
    netout: toNumber(raw.netout),
    diskread: toNumber(raw.diskread),
    diskwrite: toNumber(raw.diskwrite),
    uptime: toNumber(raw.uptime),
    template: toBool(raw.template),
    tags: splitTags(raw.tags),
  };
  if (raw.lock) {
    guest.lock = raw.lock;
  }
  if (raw.pool) {
    guest.pool = raw.pool;
  }
  if (raw.hastate) {
    guest.hastate = raw.hastate;
  }
  return guest;
}

/** A /cluster/resources storage entry: disk/maxdisk are used/total, status 'available'|'unknown'. */
export function mapClusterStorage(raw: RawClusterResource): PveStorage {
  const used = toNumber(raw.disk);
  const total = toNumber(raw.maxdisk);
  return {
    storage: raw.storage ?? '',
    node: raw.node ?? '',
    status: raw.status ?? 'unknown',
    type: raw.plugintype ?? '',
    content: splitList(raw.content),
    shared: toBool(raw.shared),
    used,
    total,
    avail: Math.max(total - used, 0),
    active: raw.status === 'available',
    // /cluster/resources carries no enabled flag; an entry there is a configured, listed storage
    enabled: true,
  };
}

/** A /nodes/{node}/storage entry; its status is derived so both sources speak the same words. */
export function mapNodeStorage(node: string, raw: RawNodeStorage): PveStorage {
  const active = toBool(raw.active);
  return {
    storage: raw.storage,
    node,
    status: active ? 'available' : 'unknown',
    type: raw.type ?? '',
    content: splitList(raw.content),
    shared: toBool(raw.shared),
    used: toNumber(raw.used),
    total: toNumber(raw.total),
    avail: toNumber(raw.avail),
    active,
    enabled: raw.enabled === undefined ? true : toBool(raw.enabled),
  };
}

/**
 * Splits one /cluster/resources answer. PVE itself reports a guest on a dead node with whatever
 * its last pmxcfs status entry said ('running'/'stopped', possibly stale) or 'unknown' when none
 * is left; a status from a node that is not online cannot be trusted, so we say 'unknown'.
 */
export function splitClusterResources(entries: RawClusterResource[]): ClusterResources {
  const nodes = entries.filter((entry) => entry.type === 'node').map(mapNode);
  const notOnline = new Set(nodes.filter((n) => n.status !== 'online').map((n) => n.node));
  const guests = entries
    .filter((entry) => entry.type === 'lxc' || entry.type === 'qemu')
    .map(mapGuest)
    .map((guest) => (notOnline.has(guest.node) ? { ...guest, status: 'unknown' as const } : guest));
  const storages = entries.filter((entry) => entry.type === 'storage').map(mapClusterStorage);
  return { nodes, guests, storages };
}

export function mapContainerStatus(node: string, raw: RawContainerStatus): ContainerStatus {
  const guest = mapGuest({ ...raw, type: 'lxc', node });
  const status: ContainerStatus = {
    ...guest,
    // status/current names the CPU count `cpus`; /cluster/resources calls it `maxcpu`
    maxcpu: toNumber(raw.cpus ?? raw.maxcpu),
    swap: toNumber(raw.swap),
    maxswap: toNumber(raw.maxswap),
  };
  const pid = toOptionalNumber(raw.pid);
  if (pid !== undefined) {
    status.pid = pid;
  }
  // status/current names the HA state inside `ha`; /cluster/resources calls it `hastate`
  if (toBool(raw.ha?.managed) && raw.ha?.state) status.hastate = raw.ha.state;
  return status;
}

export function mapStorageContent(raw: RawStorageContent): StorageContentItem {
  const item: StorageContentItem = {
    volid: raw.volid,
    content: raw.content ?? '',
    format: raw.format ?? '',
    size: toNumber(raw.size),
  };
  const ctime = toOptionalNumber(raw.ctime);
  if (ctime !== undefined) {
    item.ctime = ctime;
  }
  const vmid = raw.vmid === undefined ? undefined : toOptionalNumber(raw.vmid);
  if (vmid !== undefined) item.vmid = vmid;
  if (raw.notes !== undefined) item.notes = raw.notes;
  if (raw.protected !== undefined) item.protected = toBool(raw.protected);
  return item;
}

export function mapBackupJob(raw: RawBackupJob): BackupJob {
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  const job: BackupJob = {
    id: text(raw.id) ?? '',
    enabled: raw.enabled === undefined ? true : toBool(raw.enabled),
    all: raw.all === undefined ? false : toBool(raw.all),
    vmids: splitList(typeof raw.vmid === 'string' ? raw.vmid : String(raw.vmid ?? ''))
      .map(Number)
      .filter((n) => Number.isInteger(n)),
  };
  for (const key of ['schedule', 'storage', 'mode', 'comment'] as const) {
    const v = text(raw[key]);
    if (v !== undefined) job[key] = v;
  }
  const next =
    raw['next-run'] === undefined ? undefined : toOptionalNumber(raw['next-run'] as PveScalar);
  if (next !== undefined) job.nextRun = next;
  return job;
}

export function mapInterface(raw: RawInterface): ContainerInterface {
  const out: ContainerInterface = {
    name: raw.name ?? '',
    hwaddr: raw.hwaddr ?? raw['hardware-address'] ?? '',
  };
  if (raw.inet) out.inet = raw.inet;
  if (raw.inet6) out.inet6 = raw.inet6;
  return out;
}
