import { guestProfile, nodeProfile } from '../metrics/profiles.js';
import { hashSeed, seededRandom } from '../metrics/load-curve.js';
import {
  GIB,
  backupStamp,
  splitPropertyString,
  sizeToBytes,
  type Guest,
  type SimNode,
  type StorageDef,
  type Volume,
} from './model.js';
import type { BackupJob, Scenario, ScenarioGuest } from './scenario.js';

const DAY = 86_400;

export interface Pool {
  poolid: string;
  comment?: string;
  members: Set<number>;
}

/** The simulated cluster's state: nodes, storages, volumes, guests and pools. */
export class Cluster {
  readonly name: string;
  readonly nodes = new Map<string, SimNode>();
  readonly storages: StorageDef[];
  readonly guests = new Map<number, Guest>();
  readonly volumes: Volume[] = [];
  readonly pools = new Map<string, Pool>();
  readonly backupJobs: BackupJob[];
  /**
   * datacenter.cfg as PVE::DataCenterConfig parses it: `tag-style` and `user-tag-access` as
   * objects, `registered-tags` as a list, the rest as given (GET/PUT /cluster/options).
   */
  readonly datacenter: Record<string, unknown> = {};
  /** Bumped on every change so cached views (e.g. /cluster/resources) know to rebuild. */
  version = 0;

  constructor(
    scenario: Scenario,
    readonly seed: number,
    readonly startSec: number,
  ) {
    this.name = scenario.clusterName ?? scenario.name;
    this.backupJobs = (scenario.backupJobs ?? []).map((j) => ({ ...j }));
    this.storages = scenario.storages.map((s) => ({
      storage: s.storage,
      type: s.type,
      content: s.content.split(','),
      total: s.totalGiB * GIB,
    }));
    scenario.nodes.forEach((n, i) => {
      this.nodes.set(n.name, {
        name: n.name,
        nodeid: i + 1,
        ip: n.ip,
        cpus: n.cpus,
        memory: n.memoryGiB * GIB,
        rootfs: n.rootfsGiB * GIB,
        swap: 8 * GIB,
        bootAt: startSec - n.uptimeDays * DAY,
        installedAt: startSec - (400 + i * 30) * DAY,
        online: true,
        profile: nodeProfile(seed, n.name),
      });
      if (n.upgradedHoursAgo !== undefined)
        this.nodes.get(n.name)!.upgradedAt = startSec - Math.round(n.upgradedHoursAgo * 3600);
      for (const t of scenario.templates)
        this.addTemplate(n.name, 'local', t.file, t.size, startSec - 20 * DAY);
    });
    for (const p of scenario.pools) this.pools.set(p.poolid, { ...p, members: new Set() });
    for (const g of scenario.guests) this.addScenarioGuest(g);
    for (const b of scenario.backups ?? []) this.addScenarioBackup(b);
  }

  /** datacenter.cfg `tag-style` as get_unique_tags reads it (defaults: not case-sensitive, sorted). */
  tagStyle(): { caseSensitive: boolean; ordering: string } {
    const style = (this.datacenter['tag-style'] ?? {}) as Record<string, unknown>;
    return {
      caseSensitive: Number(style['case-sensitive'] ?? 0) === 1,
      ordering: style.ordering === 'config' ? 'config' : 'alphabetical',
    };
  }

  private addScenarioGuest(s: ScenarioGuest): void {
    const createdAt = this.startSec - s.ageDays * DAY;
    const disk = `local-lvm:vm-${s.vmid}-disk-0,size=${s.diskGiB}G`;
    const config = s.type === 'lxc' ? lxcConfig(s, disk, this.mac(s.vmid)) : qemuConfig(s, disk);
    const running = s.status === 'running' && !s.template;
    const bootAt = running ? this.startSec - (s.uptimeHours ?? 1) * 3600 : createdAt;
    const stoppedAt = this.startSec - (s.stoppedHours ?? 0) * 3600;
    const guest: Guest = {
      vmid: s.vmid,
      type: s.type,
      node: s.node,
      status: running ? 'running' : 'stopped',
      config,
      createdAt,
      bootAt,
      runs: s.template ? [] : [{ from: createdAt, to: running ? undefined : stoppedAt }],
      pid: running ? 1000 + (hashSeed(this.seed, `pid/${s.vmid}`) % 3_000_000) : 0,
      profile: guestProfile(this.seed, s.vmid),
    };
    if (s.ha) guest.ha = { requested: s.ha, state: running ? 'started' : 'stopped' };
    this.addGuest(guest, s.pool);
    this.addVolume(s.node, 'local-lvm', `vm-${s.vmid}-disk-0`, s.diskGiB * GIB, s.vmid, s.type);
  }

  private addScenarioBackup(b: NonNullable<Scenario['backups']>[number]): void {
    const g = this.guests.get(b.vmid);
    if (!g) return;
    const ctime = this.startSec - b.ageDays * DAY;
    const stamp = backupStamp(ctime);
    const { lock: _lock, ...archivedConfig } = g.config;
    const volume: Volume = {
      node: g.node,
      storage: b.storage,
      volid: `${b.storage}:backup/vzdump-${g.type}-${g.vmid}-${stamp}.${g.type === 'lxc' ? 'tar' : 'vma'}.zst`,
      content: 'backup',
      format: g.type === 'lxc' ? 'tar.zst' : 'vma.zst',
      size: 300 * 1024 ** 2 + b.vmid * 4096,
      ctime,
      vmid: g.vmid,
      subtype: g.type,
      archivedConfig,
    };
    if (b.notes) volume.notes = b.notes;
    if (b.protected) volume.protected = true;
    this.volumes.push(volume);
  }

  addGuest(guest: Guest, pool?: string): void {
    this.guests.set(guest.vmid, guest);
    if (pool) {
      this.pools.get(pool)?.members.add(guest.vmid);
      guest.pool = pool;
    }
    this.version++;
  }

  removeGuest(vmid: number): void {
    const g = this.guests.get(vmid);
    if (!g) return;
    this.guests.delete(vmid);
    for (const p of this.pools.values()) p.members.delete(vmid);
    this.removeGuestDisks(vmid);
  }

  /** The guest's disks; its backups stay (vzdump archives outlive the guest, as on PVE). */
  removeGuestDisks(vmid: number): void {
    for (let i = this.volumes.length - 1; i >= 0; i--) {
      const v = this.volumes[i];
      if (v.vmid === vmid && v.content !== 'backup') this.volumes.splice(i, 1);
    }
    this.version++;
  }

  /** A finished vzdump archive; one with the same name is replaced (vzdump renames over it). */
  addBackup(volume: Volume): void {
    this.removeVolume(volume.node, volume.volid);
    this.volumes.push(volume);
    this.version++;
  }

  removeVolume(node: string, volid: string): boolean {
    const i = this.volumes.findIndex((v) => v.node === node && v.volid === volid);
    if (i < 0) return false;
    this.volumes.splice(i, 1);
    this.version++;
    return true;
  }

  addTemplate(node: string, storage: string, file: string, size: number, ctime: number): void {
    const volid = `${storage}:vztmpl/${file}`;
    if (this.findVolume(node, volid)) return;
    this.volumes.push({
      node,
      storage,
      volid,
      content: 'vztmpl',
      format: templateFormat(file),
      size,
      ctime,
    });
    this.version++;
  }

  addVolume(
    node: string,
    storage: string,
    name: string,
    size: number,
    vmid: number,
    type: 'lxc' | 'qemu',
  ): void {
    this.volumes.push({
      node,
      storage,
      volid: `${storage}:${name}`,
      content: type === 'lxc' ? 'rootdir' : 'images',
      format: 'raw',
      size,
      ctime: Math.floor(this.startSec),
      vmid,
    });
    this.version++;
  }

  findVolume(node: string, volid: string): Volume | undefined {
    return this.volumes.find((v) => v.node === node && v.volid === volid);
  }

  storage(id: string): StorageDef | undefined {
    return this.storages.find((s) => s.storage === id);
  }

  /** Thin pools report the data actually written; we assume volumes are half full. */
  storageUsage(node: string, s: StorageDef): { total: number; used: number; avail: number } {
    let used = s.type === 'dir' ? Math.round(s.total * 0.08) : 0;
    for (const v of this.volumes) {
      if (v.node === node && v.storage === s.storage)
        used += s.type === 'dir' ? v.size : v.size / 2;
    }
    used = Math.min(Math.round(used), s.total);
    return { total: s.total, used, avail: s.total - used };
  }

  nextFreeVmid(): number {
    let id = 100;
    while (this.guests.has(id)) id++;
    return id;
  }

  guestsOn(node: string): Guest[] {
    return [...this.guests.values()].filter((g) => g.node === node);
  }

  /** Proxmox's OUI (BC:24:11) plus three bytes derived from the seed and vmid. */
  mac(vmid: number): string {
    const rand = seededRandom(hashSeed(this.seed, `mac/${vmid}/${this.version}`));
    const bytes = [0, 0, 0].map(() =>
      Math.floor(rand() * 256)
        .toString(16)
        .toUpperCase()
        .padStart(2, '0'),
    );
    return ['BC', '24', '11', ...bytes].join(':');
  }
}

/** Plugin.pm get_subdir_files: `format => $2 eq 'tar' ? $2 : "t$2"` (tzst, txz, tgz, tbz2, tar). */
function templateFormat(file: string): string {
  const ext = /\.tar(?:\.(zst|xz|gz|bz2))?$/i.exec(file);
  return ext?.[1] ? `t${ext[1].toLowerCase()}` : 'tar';
}

function lxcConfig(s: ScenarioGuest, rootfs: string, hwaddr: string): Guest['config'] {
  const ip = s.ip ?? 'dhcp';
  const gw = ip.includes('/') ? `,gw=${ip.replace(/\.\d+\/\d+$/, '.1')}` : '';
  const config: Guest['config'] = {
    arch: 'amd64',
    cores: s.cores,
    hostname: s.name,
    memory: s.memory,
    swap: s.swap ?? 512,
    net0: `name=eth0,bridge=vmbr0,firewall=1${gw},hwaddr=${hwaddr},ip=${ip},type=veth`,
    ostype: s.ostype ?? 'debian',
    rootfs,
    unprivileged: 1,
    features: 'nesting=1',
  };
  if (s.tags) config.tags = s.tags;
  if (s.template) config.template = 1;
  return config;
}

function qemuConfig(s: ScenarioGuest, disk: string): Guest['config'] {
  const config: Guest['config'] = {
    name: s.name,
    cores: s.cores,
    memory: s.memory,
    scsi0: disk,
    ostype: 'l26',
  };
  if (s.tags) config.tags = s.tags;
  return config;
}

export function rootfsSize(rootfs: string): number {
  return sizeToBytes(splitPropertyString(rootfs, 'volume').size ?? '0');
}
