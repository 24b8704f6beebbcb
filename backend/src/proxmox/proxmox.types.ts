/**
 * Domain types the console uses for Proxmox data. Raw PVE shapes are mapped to these inside
 * backend/src/proxmox/ only; nothing outside this folder sees a raw PVE response.
 */

export type GuestType = 'lxc' | 'qemu';
export type GuestStatus = 'running' | 'stopped' | 'paused' | 'unknown';
export type NodeStatus = 'online' | 'offline' | 'unknown';
export type PowerAction = 'start' | 'stop' | 'shutdown' | 'reboot';
export type RrdTimeframe = 'hour' | 'day' | 'week' | 'month' | 'year' | 'decade';
export type RrdConsolidation = 'AVERAGE' | 'MAX';

/** One node URL of the cluster and its pinned certificate. */
export interface ProxmoxEndpointOptions {
  baseUrl: string;
  fingerprint?: string;
}

export interface ProxmoxConnectionOptions {
  /** e.g. https://pve.example.lan:8006 (no /api2/json suffix); the preferred node */
  baseUrl: string;
  /**
   * further nodes of the same cluster, in order of preference: a call goes to the next one when
   * the current one does not answer (each node serves the whole cluster's API)
   */
  fallbacks?: ProxmoxEndpointOptions[];
  /** how often a failed-over client asks whether a more preferred node answers again; 30 s */
  preferredRecheckMs?: number;
  /** user@realm!tokenname */
  tokenId: string;
  tokenSecret: string;
  /** SHA-256 fingerprint, upper-case hex pairs joined by ':' (any case / separators accepted) */
  fingerprint?: string;
  /** PEM text of a CA bundle to trust instead of the system CAs */
  ca?: string;
  /** explicit opt-out of certificate verification */
  insecure?: boolean;
  /** per-request timeout in milliseconds (calls that are not about one node; connects) */
  timeoutMs?: number;
  /**
   * timeout of calls pveproxy forwards to one node (`node` set); above pveproxy's own 30 s
   * (PVE::APIServer::AnyEvent::proxy_request), so its 59x answer arrives first. Default 35 s.
   */
  nodeTimeoutMs?: number;
  /** retries for idempotent reads */
  retries?: number;
  /** first retry delay in milliseconds; doubles on each further retry */
  retryDelayMs?: number;
}

export interface PveVersion {
  version: string;
  release: string;
  repoid: string;
}

export interface PveNode {
  node: string;
  status: NodeStatus;
  cpu: number;
  maxcpu: number;
  mem: number;
  maxmem: number;
  disk: number;
  maxdisk: number;
  uptime: number;
  sslFingerprint?: string;
}

export interface PveGuest {
  vmid: number;
  type: GuestType;
  node: string;
  name: string;
  status: GuestStatus;
  cpu: number;
  maxcpu: number;
  mem: number;
  maxmem: number;
  disk: number;
  maxdisk: number;
  /** cumulative byte counters since the guest started */
  netin: number;
  netout: number;
  diskread: number;
  diskwrite: number;
  uptime: number;
  template: boolean;
  tags: string[];
  lock?: string;
  pool?: string;
  /** HA state when the guest is HA-managed */
  hastate?: string;
}

export interface PveStorage {
  storage: string;
  node: string;
  status: string;
  type: string;
  content: string[];
  shared: boolean;
  /** bytes */
  used: number;
  total: number;
  avail: number;
  active: boolean;
  enabled: boolean;
}

export interface ClusterResources {
  nodes: PveNode[];
  guests: PveGuest[];
  storages: PveStorage[];
}

export interface ContainerStatus extends PveGuest {
  swap: number;
  maxswap: number;
  pid?: number;
}

/** Parsed LXC config; `raw` keeps every key as PVE sent it (strings/numbers). */
export interface ContainerConfig {
  hostname?: string;
  ostype?: string;
  arch?: string;
  cores?: number;
  memory?: number;
  swap?: number;
  /** 0 or unset: no limit */
  cpulimit?: number;
  unprivileged: boolean;
  onboot: boolean;
  /** PVE's protection flag: no delete, no disk changes */
  protection: boolean;
  description?: string;
  nameserver?: string;
  searchdomain?: string;
  tags: string[];
  features: Record<string, string>;
  rootfs?: { volume: string; size?: string; options: Record<string, string> };
  nets: { key: string; options: Record<string, string> }[];
  lock?: string;
  digest?: string;
  raw: Record<string, string | number>;
}

/** Parameters of POST /nodes/{node}/lxc, already in PVE's own names and formats. */
export interface CreateContainerParams {
  vmid: number;
  ostemplate: string;
  hostname?: string;
  cores?: number;
  memory?: number;
  swap?: number;
  /** e.g. local-lvm:8 */
  rootfs?: string;
  /** net0 property string, e.g. name=eth0,bridge=vmbr0,ip=dhcp */
  net0?: string;
  password?: string;
  'ssh-public-keys'?: string;
  unprivileged?: boolean;
  features?: string;
  tags?: string;
  onboot?: boolean;
  start?: boolean;
  description?: string;
  pool?: string;
}

/** One row of GET .../pending: the current value, the value waiting for a restart, or a delete. */
export interface ContainerPendingItem {
  key: string;
  value?: string;
  pending?: string;
  /** true when the key is queued for deletion */
  delete: boolean;
}

/** A snapshot of a container; PVE's synthetic `current` entry is never one of these. */
export interface ContainerSnapshot {
  name: string;
  description: string;
  /** epoch seconds; 0 when PVE gives none */
  snaptime: number;
  parent?: string;
  /** set while a snapshot task works on it (prepare, delete) */
  snapstate?: string;
}

/** GET .../snapshot: the snapshots and the parent of the current state. */
export interface ContainerSnapshotList {
  snapshots: ContainerSnapshot[];
  currentParent?: string;
}

export interface DeleteContainerOptions {
  purge?: boolean;
  /** PVE's force: destroy even if running */
  force?: boolean;
  destroyUnreferencedDisks?: boolean;
}

export interface Upid {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  /** user@realm, without the token part */
  user: string;
  tokenid?: string;
}

export interface TaskSummary {
  upid: string;
  node: string;
  type: string;
  id: string;
  user: string;
  starttime: number;
  endtime?: number;
  /** 'running' or 'stopped' */
  status: 'running' | 'stopped';
  /** only when stopped: OK, WARNINGS: n, or the error text */
  exitstatus?: string;
  /** set when an API token started the task (`user` is then the token's owner) */
  tokenid?: string;
}

export interface TaskLogLine {
  n: number;
  t: string;
}

export interface TaskListQuery {
  limit?: number;
  vmid?: number;
  source?: 'archive' | 'active' | 'all';
  since?: number;
}

export interface StorageContentItem {
  volid: string;
  content: string;
  format: string;
  size: number;
  ctime?: number;
  vmid?: number;
  notes?: string;
  protected?: boolean;
}

/** POST /nodes/{node}/vzdump for one guest. */
export interface BackupParams {
  vmid: number;
  storage: string;
  mode: 'snapshot' | 'suspend' | 'stop';
  compress: '0' | 'gzip' | 'lzo' | 'zstd';
  'notes-template'?: string;
  protected?: boolean;
}

/** POST /nodes/{node}/lxc with restore=1: the archive goes in as `ostemplate`. */
export interface RestoreParams {
  vmid: number;
  ostemplate: string;
  storage: string;
  force?: boolean;
  unique?: boolean;
  start?: boolean;
}

/** A scheduled backup job (jobs.cfg), read-only. */
export interface BackupJob {
  id: string;
  schedule?: string;
  storage?: string;
  mode?: string;
  enabled: boolean;
  all: boolean;
  vmids: number[];
  comment?: string;
  /** epoch seconds */
  nextRun?: number;
}

export interface ContainerInterface {
  name: string;
  hwaddr: string;
  /** address/prefix */
  inet?: string;
  inet6?: string;
}

export interface AplInfoEntry {
  template: string;
  package: string;
  headline: string;
  description?: string;
  os: string;
  version: string;
  section: string;
  type: string;
  location?: string;
  infopage?: string;
  architecture?: string;
}

/** one RRD point; absent data sources are absent keys (PVE leaves them out) */
export type RrdPoint = { time: number } & Partial<Record<string, number>>;

/** /access/permissions: path -> privilege -> 1 */
export type PermissionMap = Record<string, Record<string, number>>;
