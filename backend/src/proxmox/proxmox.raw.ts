/**
 * Raw PVE JSON shapes as they come off the wire. Numbers and booleans are typed loosely on purpose:
 * older servers send strings ("1"), templates arrive as 0/1/"" and most fields are optional.
 */
export type PveScalar = string | number | null | undefined;

export interface PveEnvelope<T> {
  data: T;
  total?: PveScalar;
  message?: string;
  errors?: Record<string, string>;
}

export interface RawClusterResource {
  id?: string;
  type?: string;
  node?: string;
  vmid?: PveScalar;
  name?: string;
  status?: string;
  cpu?: PveScalar;
  maxcpu?: PveScalar;
  mem?: PveScalar;
  maxmem?: PveScalar;
  disk?: PveScalar;
  maxdisk?: PveScalar;
  netin?: PveScalar;
  netout?: PveScalar;
  diskread?: PveScalar;
  diskwrite?: PveScalar;
  uptime?: PveScalar;
  template?: PveScalar;
  tags?: string;
  lock?: string;
  pool?: string;
  /** set on HA-managed guests: their HA state (started, stopped, ...) */
  hastate?: string;
  storage?: string;
  plugintype?: string;
  content?: string;
  shared?: PveScalar;
  ssl_fingerprint?: string;
}

export interface RawContainerStatus extends RawClusterResource {
  /** PVE::HA::Config::get_service_status: {managed: 0} or {managed: 1, state: <CRM state>} */
  ha?: { managed?: PveScalar; state?: string };
  cpus?: PveScalar;
  swap?: PveScalar;
  maxswap?: PveScalar;
  pid?: PveScalar;
}

export interface RawNodeStorage {
  storage: string;
  type?: string;
  content?: string;
  active?: PveScalar;
  enabled?: PveScalar;
  shared?: PveScalar;
  total?: PveScalar;
  used?: PveScalar;
  avail?: PveScalar;
}

export interface RawTask {
  upid: string;
  node?: string;
  type?: string;
  id?: string;
  user?: string;
  tokenid?: string;
  starttime?: PveScalar;
  endtime?: PveScalar;
  status?: string;
  exitstatus?: string;
}

export interface RawStorageContent {
  volid: string;
  content?: string;
  format?: string;
  size?: PveScalar;
  ctime?: PveScalar;
  vmid?: PveScalar;
  /** backups: first line of the notes */
  notes?: string;
  /** backups: 1 when protected */
  protected?: PveScalar | boolean;
  /** backups: lxc | qemu */
  subtype?: string;
}

/** One job of GET /cluster/backup (jobs.cfg `vzdump` section plus `next-run`). */
export type RawBackupJob = Record<string, PveScalar | boolean | undefined>;

/** One interface of GET /nodes/{node}/lxc/{vmid}/interfaces (`ip --json a` in the CT). */
export interface RawInterface {
  name?: string;
  hwaddr?: string;
  'hardware-address'?: string;
  inet?: string;
  inet6?: string;
}

export type RawConfig = Record<string, string | number>;
export type RawRrdPoint = Record<string, PveScalar>;
export type RawAplInfo = Record<string, string | undefined>;

export interface RawPendingItem {
  key?: string;
  value?: PveScalar;
  pending?: PveScalar;
  delete?: PveScalar;
}

export interface RawSnapshot {
  name?: string;
  description?: string;
  snaptime?: PveScalar;
  parent?: string;
  snapstate?: string;
}
