import { ProxmoxError } from './proxmox.errors.js';
import { mapTagStyle, type TagStyle } from './tag-style.js';
import type { EndpointInfo } from './proxmox-endpoints.js';
import type {
  AplInfoEntry,
  BackupJob,
  BackupParams,
  ContainerInterface,
  RestoreParams,
  ClusterResources,
  ContainerConfig,
  ContainerPendingItem,
  ContainerSnapshotList,
  ContainerStatus,
  CreateContainerParams,
  DeleteContainerOptions,
  PermissionMap,
  PowerAction,
  ProxmoxConnectionOptions,
  PveNode,
  PveStorage,
  PveVersion,
  RrdConsolidation,
  RrdPoint,
  RrdTimeframe,
  StorageContentItem,
  TaskListQuery,
  TaskLogLine,
  TaskSummary,
  Upid,
} from './proxmox.types.js';
import type {
  PveScalar,
  RawAplInfo,
  RawBackupJob,
  RawInterface,
  RawClusterResource,
  RawConfig,
  RawContainerStatus,
  RawNodeStorage,
  RawPendingItem,
  RawRrdPoint,
  RawSnapshot,
  RawStorageContent,
  RawTask,
} from './proxmox.raw.js';
import {
  type CallObserver,
  type HttpLog,
  ProxmoxHttp,
  type Params,
  type PveRequest,
  pathSegment as seg,
} from './proxmox-http.js';
import {
  mapBackupJob,
  mapContainerStatus,
  mapInterface,
  mapNode,
  mapNodeStorage,
  mapStorageContent,
  mapVersion,
  splitClusterResources,
} from './proxmox.mappers.js';
import { mapContainerConfig, mapPendingItems, mapSnapshots } from './container-config.mapper.js';
import { mapAplInfo, mapPermissions, mapRrdPoint, mapTask, mapTaskLog } from './task.mappers.js';
import { toNumber } from './proxmox.values.js';
import { parseUpid } from './upid.js';
import { waitForTask, type WaitForTaskOptions } from './wait-for-task.js';
import { TermProxySession, type TermProxyTicket } from './termproxy.js';

export { parseUpid } from './upid.js';
export type { CallObserver, CallOutcome } from './proxmox-http.js';
export type { EndpointInfo } from './proxmox-endpoints.js';
export { normalizeFingerprint } from './proxmox-tls.js';

const silentLog: HttpLog = { warn: () => undefined };

/** The only way the console talks to Proxmox VE (API token auth, verified TLS, typed errors). */
export class ProxmoxClient {
  private readonly http: ProxmoxHttp;

  constructor(options: ProxmoxConnectionOptions, log: HttpLog = silentLog) {
    this.http = new ProxmoxHttp(options, log);
  }

  /** The node URL calls go to now, out of the configured ones (failover). */
  endpoint(): EndpointInfo {
    return this.http.endpoint();
  }

  /** Sees the end result of every call this client makes (reachability is tracked from it). */
  observeCalls(observer: CallObserver): () => void {
    return this.http.observe(observer);
  }

  async getVersion(): Promise<PveVersion> {
    return mapVersion(await this.get<Partial<PveVersion>>('/version'));
  }

  async getNodes(): Promise<PveNode[]> {
    return (await this.get<RawClusterResource[]>('/nodes')).map(mapNode);
  }

  /** One GET /cluster/resources (no type filter) for nodes, guests and storages together. */
  async getClusterResources(): Promise<ClusterResources> {
    return splitClusterResources(await this.get<RawClusterResource[]>('/cluster/resources'));
  }

  /**
   * datacenter.cfg's `tag-style` from GET /cluster/options, which every user may read (pve-manager
   * API2/Cluster.pm get_options returns `console` and `tag-style` without Sys.Audit).
   */
  async getTagStyle(): Promise<TagStyle> {
    const options = await this.get<Record<string, unknown> | null>('/cluster/options');
    return mapTagStyle(options?.['tag-style']);
  }

  async getNextId(): Promise<number> {
    const id = toNumber(await this.get<PveScalar>('/cluster/nextid'), NaN);
    if (!Number.isInteger(id)) {
      throw new ProxmoxError('upstream', 'GET /cluster/nextid: answer is not a VMID');
    }
    return id;
  }

  /** PVE answers 400 with errors.vmid when the id is taken by any guest in the cluster. */
  async isVmidFree(vmid: number): Promise<boolean> {
    try {
      await this.get<PveScalar>('/cluster/nextid', { vmid });
      return true;
    } catch (error) {
      if (error instanceof ProxmoxError && error.details.fieldErrors?.vmid) {
        return false;
      }
      throw error;
    }
  }

  async getContainerStatus(node: string, vmid: number): Promise<ContainerStatus> {
    const raw = await this.get<RawContainerStatus>(
      `${lxcPath(node, vmid)}/status/current`,
      {},
      node,
    );
    return mapContainerStatus(node, raw);
  }

  async getContainerConfig(node: string, vmid: number): Promise<ContainerConfig> {
    return mapContainerConfig(await this.get<RawConfig>(`${lxcPath(node, vmid)}/config`, {}, node));
  }

  /** Synchronous for LXC; `params` may carry `delete` (comma list) and `digest`. */
  async updateContainerConfig(node: string, vmid: number, params: Params): Promise<void> {
    await this.write('PUT', `${lxcPath(node, vmid)}/config`, params, node);
  }

  /** Settings a running CT could not take yet (applied at its next start or stop). */
  async getContainerPending(node: string, vmid: number): Promise<ContainerPendingItem[]> {
    return mapPendingItems(
      await this.get<RawPendingItem[]>(`${lxcPath(node, vmid)}/pending`, {}, node),
    );
  }

  /** `size` as PVE takes it: `+2G` grows by, `20G` grows to (PVE never shrinks). */
  async resizeContainerDisk(
    node: string,
    vmid: number,
    disk: string,
    size: string,
    digest?: string,
  ): Promise<Upid> {
    return this.startTask('PUT', `${lxcPath(node, vmid)}/resize`, { disk, size, digest }, node);
  }

  async listSnapshots(node: string, vmid: number): Promise<ContainerSnapshotList> {
    return mapSnapshots(await this.get<RawSnapshot[]>(`${lxcPath(node, vmid)}/snapshot`, {}, node));
  }

  async createSnapshot(
    node: string,
    vmid: number,
    snapname: string,
    description?: string,
  ): Promise<Upid> {
    const path = `${lxcPath(node, vmid)}/snapshot`;
    return this.startTask('POST', path, { snapname, description }, node);
  }

  async rollbackSnapshot(
    node: string,
    vmid: number,
    snapname: string,
    start?: boolean,
  ): Promise<Upid> {
    const path = `${lxcPath(node, vmid)}/snapshot/${seg(snapname)}/rollback`;
    return this.startTask('POST', path, { start }, node);
  }

  async deleteSnapshot(node: string, vmid: number, snapname: string): Promise<Upid> {
    const path = `${lxcPath(node, vmid)}/snapshot/${seg(snapname)}`;
    return this.startTask('DELETE', path, {}, node);
  }

  async createContainer(node: string, params: CreateContainerParams): Promise<Upid> {
    return this.startTask('POST', `/nodes/${seg(node)}/lxc`, { ...params }, node);
  }

  async containerAction(
    node: string,
    vmid: number,
    action: PowerAction,
    params: Params = {},
  ): Promise<Upid> {
    return this.startTask('POST', `${lxcPath(node, vmid)}/status/${seg(action)}`, params, node);
  }

  async deleteContainer(
    node: string,
    vmid: number,
    options: DeleteContainerOptions = {},
  ): Promise<Upid> {
    const query: Params = {
      purge: options.purge,
      force: options.force,
      'destroy-unreferenced-disks': options.destroyUnreferencedDisks,
    };
    return this.startTask('DELETE', lxcPath(node, vmid), query, node);
  }

  async listNodeTasks(node: string, query: TaskListQuery = {}): Promise<TaskSummary[]> {
    const raw = await this.get<RawTask[]>(`/nodes/${seg(node)}/tasks`, { ...query }, node);
    return raw.map(mapTask);
  }

  async getTaskStatus(upid: string): Promise<TaskSummary> {
    const task = requireUpid(upid);
    return mapTask(await this.get<RawTask>(`${taskPath(task)}/status`, {}, task.node));
  }

  async getTaskLog(
    upid: string,
    start?: number,
    limit?: number,
  ): Promise<{ lines: TaskLogLine[]; total: number }> {
    const task = requireUpid(upid);
    const envelope = await this.http.request<{ n?: PveScalar; t?: string }[]>({
      method: 'GET',
      path: `${taskPath(task)}/log`,
      query: { start, limit },
      node: task.node,
    });
    const lines = mapTaskLog(envelope.data ?? []);
    const total = toNumber(envelope.total, lines.length);
    return isEmptyLogPlaceholder(lines, total) ? { lines: [], total: 0 } : { lines, total };
  }

  async waitForTask(upid: string, opts: WaitForTaskOptions = {}): Promise<TaskSummary> {
    requireUpid(upid);
    return waitForTask(() => this.getTaskStatus(upid), opts);
  }

  async listStorages(node: string, content?: string): Promise<PveStorage[]> {
    const raw = await this.get<RawNodeStorage[]>(`/nodes/${seg(node)}/storage`, { content }, node);
    return raw.map((entry) => mapNodeStorage(node, entry));
  }

  async listStorageContent(
    node: string,
    storage: string,
    content?: string,
  ): Promise<StorageContentItem[]> {
    const path = `/nodes/${seg(node)}/storage/${seg(storage)}/content`;
    return (await this.get<RawStorageContent[]>(path, { content }, node)).map(mapStorageContent);
  }

  /** POST /nodes/{node}/vzdump for one guest; PVE answers 'OK' (no task) for a guest elsewhere. */
  async backupContainer(node: string, params: BackupParams): Promise<Upid> {
    return this.startTask('POST', `/nodes/${seg(node)}/vzdump`, { ...params }, node);
  }

  /** create with restore=1 (pve-container API2/LXC.pm create_vm): a `vzrestore` task. */
  async restoreContainer(node: string, params: RestoreParams): Promise<Upid> {
    return this.startTask('POST', `/nodes/${seg(node)}/lxc`, { ...params, restore: true }, node);
  }

  /** DELETE .../storage/{storage}/content/{volume}: an `imgdel` task. */
  async deleteVolume(node: string, storage: string, volid: string): Promise<Upid> {
    const path = `/nodes/${seg(node)}/storage/${seg(storage)}/content/${seg(volid)}`;
    return this.startTask('DELETE', path, {}, node);
  }

  async listBackupJobs(): Promise<BackupJob[]> {
    return (await this.get<RawBackupJob[]>('/cluster/backup')).map(mapBackupJob);
  }

  /** The CT's interfaces with addresses; an empty list when it is not running (PVE: null). */
  async getContainerInterfaces(node: string, vmid: number): Promise<ContainerInterface[]> {
    const raw = await this.get<RawInterface[] | null>(
      `${lxcPath(node, vmid)}/interfaces`,
      {},
      node,
    );
    return (raw ?? []).map(mapInterface);
  }

  /**
   * A terminal on a running CT: POST .../termproxy for a VNC ticket and port, then the
   * vncwebsocket on it, authenticated with that ticket (needs VM.Console).
   */
  async openTerminal(
    node: string,
    vmid: number,
  ): Promise<{ session: TermProxySession; rest: Buffer }> {
    const proxy = (await this.write(
      'POST',
      `${lxcPath(node, vmid)}/termproxy`,
      {},
      node,
    )) as TermProxyTicket;
    const ws = await this.http.openWebSocket(`${lxcPath(node, vmid)}/vncwebsocket`, {
      port: proxy.port,
      vncticket: proxy.ticket,
    });
    return TermProxySession.handshake(ws, proxy);
  }

  async getAplInfo(node: string): Promise<AplInfoEntry[]> {
    return (await this.get<RawAplInfo[]>(`/nodes/${seg(node)}/aplinfo`, {}, node)).map(mapAplInfo);
  }

  async downloadTemplate(node: string, storage: string, template: string): Promise<Upid> {
    return this.startTask('POST', `/nodes/${seg(node)}/aplinfo`, { storage, template }, node);
  }

  async getContainerRrd(
    node: string,
    vmid: number,
    timeframe: RrdTimeframe,
    cf?: RrdConsolidation,
  ): Promise<RrdPoint[]> {
    // no `node`: rrddata has no proxyto in PVE's schema, the node we talk to answers from its own
    // copy of the cluster's RRD files, so it succeeds (and says nothing) while that node is away
    const raw = await this.get<RawRrdPoint[]>(`${lxcPath(node, vmid)}/rrddata`, { timeframe, cf });
    return raw.map(mapRrdPoint);
  }

  async getNodeRrd(
    node: string,
    timeframe: RrdTimeframe,
    cf?: RrdConsolidation,
  ): Promise<RrdPoint[]> {
    // no `node`: not proxied either (see getContainerRrd)
    const raw = await this.get<RawRrdPoint[]>(`/nodes/${seg(node)}/rrddata`, { timeframe, cf });
    return raw.map(mapRrdPoint);
  }

  /** The token's effective privileges on every path, or on `path` only (pools included). */
  async getPermissions(path?: string): Promise<PermissionMap> {
    return mapPermissions(
      await this.get<Record<string, Record<string, PveScalar>>>(
        '/access/permissions',
        path === undefined ? {} : { path },
      ),
    );
  }

  /** GET /nodes/{node}/status: a cheap call pveproxy forwards to that node (does it answer?). */
  async pingNode(node: string): Promise<void> {
    await this.get<unknown>(`/nodes/${seg(node)}/status`, {}, node);
  }

  /** Cheap authenticated round trip; throws the typed ProxmoxError on any failure. */
  async checkConnection(): Promise<void> {
    await this.getVersion();
  }

  /** Closes idle keep-alive sockets; call on shutdown. */
  close(): void {
    this.http.destroy();
  }

  private async get<T>(path: string, query: Params = {}, node?: string): Promise<T> {
    return (await this.http.request<T>({ method: 'GET', path, query, node })).data;
  }

  private async write(
    method: PveRequest['method'],
    path: string,
    params: Params,
    node: string,
  ): Promise<unknown> {
    const inQuery = method === 'DELETE';
    const envelope = await this.http.request<unknown>({
      method,
      path,
      node,
      ...(inQuery ? { query: params } : { body: params }),
    });
    return envelope.data;
  }

  private async startTask(
    method: PveRequest['method'],
    path: string,
    params: Params,
    node: string,
  ): Promise<Upid> {
    const data = await this.write(method, path, params, node);
    const upid = typeof data === 'string' ? parseUpid(data) : null;
    if (!upid) {
      throw new ProxmoxError(
        'upstream',
        `${method} ${path}: expected a task id (UPID) from Proxmox`,
      );
    }
    return upid;
  }
}

/**
 * PVE::Tools::dump_logfile answers an empty log file (a task that has not written yet) with one
 * made-up line, `{n: 1, t: "no content"}` and total 1, for ExtJS' sake. It is no line of the log:
 * kept, it would be cached as line 1 and the real first line read later would be skipped.
 */
function isEmptyLogPlaceholder(lines: TaskLogLine[], total: number): boolean {
  return total === 1 && lines.length === 1 && lines[0].n === 1 && lines[0].t === 'no content';
}

function lxcPath(node: string, vmid: number): string {
  return `/nodes/${seg(node)}/lxc/${seg(vmid)}`;
}

function taskPath(task: Upid): string {
  return `/nodes/${seg(task.node)}/tasks/${seg(task.upid)}`;
}

function requireUpid(upid: string): Upid {
  const parsed = parseUpid(upid);
  if (!parsed) {
    throw new ProxmoxError('invalid', 'not a valid Proxmox task id (UPID)', {
      fieldErrors: { upid: 'does not match the UPID format' },
    });
  }
  return parsed;
}
