import {
  GIB,
  splitPropertyString,
  type ConfigValue,
  type Guest,
  type SimNode,
} from '../cluster/model.js';
import { atLeast } from '../cluster/release.js';
import { guestProfile } from '../metrics/profiles.js';
import {
  PveError,
  asText,
  paramBool,
  paramString,
  paramVmid,
  permissionError,
  requirePrivs,
  type Handler,
  type RequestContext,
} from '../server/context.js';
import { hasPrivilege, principalName } from '../server/principal.js';
import { checkModifyConfigPerm } from './lxc-config-perm.js';
import { NOT_STORED, ostypeOf, storedValue } from './lxc-options.js';
import { DURATION_MS } from './durations.js';
import { bootGuest } from './lxc-power.js';
import { restoreLxc } from './lxc-restore.js';
import { nodeNamed } from './views.js';

/**
 * API2/LXC.pm `create_vm`'s checks, in its order, before anything is written: Sys.Modify for a
 * privileged CT, Sys.Console for ha-managed, the vmid unused, the SSH keys, the pool, VM.Allocate,
 * then check_ct_modify_config_perm for every key.
 */
function checkCreatePermissions(ctx: RequestContext, vmid: number, pool: string | undefined): void {
  const p = ctx.principal;
  const unprivileged = ctx.values.unprivileged !== false;
  if (!unprivileged) requirePrivs(p, '/', ['Sys.Modify']);
  if (paramBool(ctx, 'ha-managed')) requirePrivs(p, '/', ['Sys.Console']);
  assertVmidUnused(ctx, vmid);
  const keys = paramString(ctx, 'ssh-public-keys');
  if (keys !== undefined) validateSshPublicKeys(keys);
  if (pool && !ctx.sim.cluster.pools.has(pool)) throw new PveError(500, `no such pool '${pool}'`);
  const allowed =
    hasPrivilege(p, `/vms/${vmid}`, 'VM.Allocate') ||
    (pool !== undefined && hasPrivilege(p, `/pool/${pool}`, 'VM.Allocate'));
  if (!allowed) throw permissionError(pool ? `/pool/${pool}` : `/vms/${vmid}`, ['VM.Allocate']);
  const set: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(ctx.values)) {
    if (!NOT_STORED.has(key) && key !== 'unprivileged') set[key] = asText(value);
  }
  checkModifyConfigPerm(ctx, { vmid, pool, set, delete: [], unprivileged });
}

/**
 * pve-common PVE::Tools::validate_ssh_public_keys runs `ssh-keygen -l -f` on every non-empty line
 * and dies "SSH public key validation error" (a 500) if one is not a key. ssh-keygen reads an
 * authorized_keys line: optional options, the key type, the base64 blob (whose first string is the
 * key type again), an optional comment.
 */
export function validateSshPublicKeys(raw: string): void {
  for (const line of raw.split('\n')) {
    if (/^\s*$/.test(line)) continue;
    if (!isPublicKeyLine(line)) throw new PveError(500, 'SSH public key validation error');
  }
}

const KEY_TYPES = new Set([
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

function isPublicKeyLine(line: string): boolean {
  const words = line.trim().split(/\s+/);
  const at = words.findIndex((w) => KEY_TYPES.has(w));
  const [type, blob] = at < 0 ? [] : words.slice(at, at + 2);
  if (!type || !blob || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return false;
  const bytes = Buffer.from(blob, 'base64');
  if (bytes.length < 4) return false;
  const length = bytes.readUInt32BE(0);
  return bytes.subarray(4, 4 + length).toString('latin1') === type && bytes.length > 4 + length;
}

/** `[volume=]<storage>:<GiB>[,opts]` -> storage id, size in GiB and the other options. */
function parseRootfs(ctx: RequestContext): {
  storage: string;
  sizeGiB: number;
  opts: Record<string, string>;
} {
  const storageParam = paramString(ctx, 'storage') ?? 'local';
  const raw = paramString(ctx, 'rootfs') ?? `${storageParam}:4`;
  const { volume, size: _size, ...opts } = splitPropertyString(raw, 'volume');
  const m = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(\d+(?:\.\d+)?)$/i.exec(volume ?? '');
  if (!m)
    throw new PveError(
      500,
      `unable to parse rootfs volume '${volume}' - only new volumes of the form STORAGE:SIZE are supported`,
    );
  return { storage: m[1], sizeGiB: Number(m[2]), opts };
}

/**
 * create_vm checks the template's volume access first (check_volume_access), then every root-disk
 * storage ($check_and_activate_storage): storage_check_enabled dies (500) for a missing storage, a
 * storage without `rootdir` content is a parameter error (400, errors.storage), then
 * Datastore.AllocateSpace on it.
 */
function checkStorages(
  ctx: RequestContext,
  node: SimNode,
  rootStorage: string,
  ostemplate: string,
): void {
  const { cluster } = ctx.sim;
  const tmplStorage = ostemplate.split(':')[0];
  if (!cluster.storage(tmplStorage))
    throw new PveError(500, `storage '${tmplStorage}' does not exist`);
  requirePrivs(
    ctx.principal,
    `/storage/${tmplStorage}`,
    ['Datastore.AllocateSpace', 'Datastore.Audit'],
    true,
  );
  checkTemplateName(ctx, ostemplate);
  if (!cluster.findVolume(node.name, ostemplate))
    throw new PveError(500, `volume '${ostemplate}' does not exist`);
  const root = cluster.storage(rootStorage);
  if (!root) throw new PveError(500, `storage '${rootStorage}' does not exist`);
  if (!root.content.includes('rootdir'))
    throw new PveError(400, 'Parameter verification failed.', {
      storage: `storage '${rootStorage}' does not support container directories`,
    });
  requirePrivs(ctx.principal, `/storage/${rootStorage}`, ['Datastore.AllocateSpace']);
}

/**
 * Storage Plugin.pm parse_volname: `vztmpl/<name>$VZTMPL_EXT_RE_1` or "unable to parse directory
 * volume name". The regex is `.tar.(gz|xz|zst|bz2)` on PVE 8.3+ (bz2: pve-storage "fix #5267",
 * 2024-09) and also a bare `.tar` on PVE 9.1+ ("allow .tar container templates", 2025-10).
 */
function checkTemplateName(ctx: RequestContext, ostemplate: string): void {
  const volname = ostemplate.slice(ostemplate.indexOf(':') + 1);
  const m = /^vztmpl\/[^/]+\.tar(?:\.(gz|xz|zst|bz2))?$/i.exec(volname);
  const release = ctx.sim.release;
  const ok =
    m !== null &&
    (m[1] === undefined ? atLeast(release, 9, 1) : m[1] !== 'bz2' || atLeast(release, 8, 3));
  if (!ok) throw new PveError(500, `unable to parse directory volume name '${volname}'`);
}

function buildConfig(
  ctx: RequestContext,
  vmid: number,
  rootfs: string,
  mac: () => string,
): Guest['config'] {
  const config: Guest['config'] = {
    arch: 'amd64',
    hostname: `CT${vmid}`,
    memory: 512,
    swap: 512,
    ostype: ostypeOf(String(ctx.values.ostemplate)),
    unprivileged: 1,
  };
  for (const [key, value] of Object.entries(ctx.values)) {
    if (!NOT_STORED.has(key))
      config[key] = storedValue(key, value, mac, ctx.sim.cluster.tagStyle());
  }
  config.rootfs = rootfs;
  config.lock = 'create';
  return config;
}

/** PVE::Cluster::check_vmid_unused. */
function assertVmidUnused(ctx: RequestContext, vmid: number): void {
  const existing = ctx.sim.cluster.guests.get(vmid);
  if (!existing) return;
  const kind = existing.type === 'lxc' ? 'CT' : 'VM';
  throw new PveError(500, `${kind} ${vmid} already exists on node '${existing.node}'`);
}

/** The config is written at once with `lock: create`, as PVE does before forking the worker. */
function newGuest(ctx: RequestContext, node: SimNode, vmid: number, rootfs: string): Guest {
  const { cluster } = ctx.sim;
  const now = ctx.sim.nowSec();
  return {
    vmid,
    type: 'lxc',
    node: node.name,
    status: 'stopped',
    config: buildConfig(ctx, vmid, rootfs, () => cluster.mac(vmid)),
    createdAt: now,
    bootAt: now,
    runs: [],
    pid: 0,
    profile: guestProfile(cluster.seed, vmid),
  };
}

function createLog(vmid: number, sizeGiB: number, ostemplate: string): string[] {
  return [
    `  Logical volume "vm-${vmid}-disk-0" created.`,
    `Creating filesystem with ${sizeGiB * 262144} 4k blocks and ${sizeGiB * 65536} inodes`,
    `extracting archive '/var/lib/vz/template/cache/${ostemplate.split('/').pop()}'`,
    `Total bytes read: ${Math.round(sizeGiB * 1.3e8)} (${Math.round(sizeGiB * 124)}MiB, 98MiB/s)`,
    'Detected container architecture: amd64',
    "Creating SSH host key 'ssh_host_ed25519_key' - this may take some time ...",
  ];
}

export const createLxc: Handler = (ctx) => {
  if (paramBool(ctx, 'restore')) return restoreLxc(ctx);
  const node = nodeNamed(ctx);
  const vmid = paramVmid(ctx);
  const pool = paramString(ctx, 'pool');
  const ostemplate = String(ctx.values.ostemplate);
  checkCreatePermissions(ctx, vmid, pool);
  const { storage, sizeGiB, opts } = parseRootfs(ctx);
  checkStorages(ctx, node, storage, ostemplate);
  const options = Object.entries(opts).map(([k, v]) => `${k}=${v}`);
  const rootfs = [`${storage}:vm-${vmid}-disk-0`, ...options, `size=${sizeGiB}G`].join(',');
  const guest = newGuest(ctx, node, vmid, rootfs);
  ctx.sim.cluster.addGuest(guest, pool);
  const start = paramBool(ctx, 'start');
  return ctx.sim.tasks.start({
    node: node.name,
    type: 'vzcreate',
    id: String(vmid),
    user: principalName(ctx.principal),
    durationMs: DURATION_MS.vzcreate,
    nodeBootAt: node.bootAt,
    log: createLog(vmid, sizeGiB, ostemplate),
    work: () => finishCreate(ctx, guest, storage, sizeGiB, start),
  }).upid;
};

function finishCreate(
  ctx: RequestContext,
  guest: Guest,
  storage: string,
  sizeGiB: number,
  start: boolean,
): string[] {
  const { cluster } = ctx.sim;
  const def = cluster.storage(storage);
  const { avail } = def ? cluster.storageUsage(guest.node, def) : { avail: 0 };
  const needed = def?.type === 'dir' ? sizeGiB * GIB : (sizeGiB * GIB) / 2;
  if (needed > avail) {
    cluster.removeGuest(guest.vmid);
    const lv = `pve/vm-${guest.vmid}-disk-0`;
    throw new Error(
      `unable to create CT ${guest.vmid} - lvcreate '${lv}' error:   Insufficient free space: ${Math.ceil(sizeGiB * 256)} extents needed, but only ${Math.floor(avail / (4 * 1024 ** 2))} available`,
    );
  }
  delete guest.config.lock;
  cluster.addVolume(
    guest.node,
    storage,
    `vm-${guest.vmid}-disk-0`,
    sizeGiB * GIB,
    guest.vmid,
    'lxc',
  );
  if (start) bootGuest(ctx.sim, guest);
  return ['done: SHA256:pve-sim root@localhost'];
}
