import { splitPropertyString, type ConfigValue } from '../cluster/model.js';
import {
  PveError,
  asText,
  permissionError,
  requirePrivs,
  type RequestContext,
} from '../server/context.js';
import { hasPrivilege } from '../server/principal.js';
import { splitList } from '../schema/index.js';
import { type TagAccess, tagAccess } from './datacenter.js';

/** pve-container LXC.pm `$NEW_DISK_RE`: a volume to allocate, `STORAGE:SIZE_GiB`. */
const NEW_DISK_RE = /^([^:\s]+):(\d+(\.\d+)?)$/;

/** PVE::Exception::raise_perm_exc: 403 `Permission check failed (<what>)`. */
function permExc(what: string): PveError {
  return new PveError(403, `Permission check failed (${what})`);
}

/** RPCEnvironment::check_vm_perm: the privilege on /vms/<vmid>, or on the pool when one is given. */
function checkVmPerm(ctx: RequestContext, vmid: number, pool: string | undefined, priv: string) {
  const p = ctx.principal;
  if (hasPrivilege(p, `/vms/${vmid}`, priv)) return;
  if (pool !== undefined && hasPrivilege(p, `/pool/${pool}`, priv)) return;
  throw permissionError(`/vms/${vmid}`, [priv]);
}

/** LXC.pm check_bridge_access -> SDN check_vnet_access for a plain Linux bridge (and VLAN tag). */
function checkBridge(ctx: RequestContext, raw: ConfigValue | undefined): void {
  if (raw === undefined) return;
  const { bridge, tag } = splitPropertyString(asText(raw));
  if (!bridge) return;
  const path = `/sdn/zones/localnetwork/${bridge}${tag ? `/${tag}` : ''}`;
  requirePrivs(ctx.principal, path, ['SDN.Use']);
}

function parseFeatures(raw: ConfigValue | undefined): Record<string, string> {
  return raw === undefined ? {} : splitPropertyString(asText(raw));
}

/** Which feature flags a change touches: only nesting, or any other one too. */
function featureChange(
  oldRaw: ConfigValue | undefined,
  newRaw: ConfigValue | undefined,
  deleting: boolean,
): { nesting: boolean; other: boolean } {
  const touched = deleting
    ? Object.keys(parseFeatures(oldRaw))
    : changedKeys(parseFeatures(oldRaw), parseFeatures(newRaw), oldRaw !== undefined);
  return { nesting: touched.includes('nesting'), other: touched.some((k) => k !== 'nesting') };
}

function changedKeys(
  old: Record<string, string>,
  next: Record<string, string>,
  hadFeatures: boolean,
): string[] {
  // a new CT (or one without features) counts every given flag as changed
  if (!hadFeatures) return Object.keys(next);
  return [...new Set([...Object.keys(old), ...Object.keys(next)])].filter(
    (k) => (old[k] ?? '') !== (next[k] ?? ''),
  );
}

export interface ConfigChange {
  vmid: number;
  pool?: string;
  /** the config before the change; undefined on create */
  old?: Record<string, ConfigValue>;
  /** keys being set, with their new values */
  set: Record<string, ConfigValue>;
  /** keys being deleted */
  delete: string[];
  unprivileged: boolean;
}

function checkFeatures(ctx: RequestContext, c: ConfigChange, deleting: boolean): void {
  if (!c.unprivileged)
    throw permExc('changing feature flags for privileged container is only allowed for root@pam');
  const change = featureChange(c.old?.features, c.set.features, deleting);
  if (change.other)
    throw permExc('changing feature flags (except nesting) is only allowed for root@pam');
  if (change.nesting) checkVmPerm(ctx, c.vmid, c.pool, 'VM.Allocate');
}

function checkDisk(ctx: RequestContext, c: ConfigChange, key: string, deleting: boolean): void {
  checkVmPerm(ctx, c.vmid, c.pool, 'VM.Config.Disk');
  if (deleting) return;
  const parts = splitPropertyString(asText(c.set[key]), 'volume');
  if (parts.type !== undefined && parts.type !== 'volume')
    throw permExc(`mount point type ${parts.type} is only allowed for root@pam`);
  const m = NEW_DISK_RE.exec(parts.volume ?? '');
  if (m) requirePrivs(ctx.principal, `/storage/${m[1]}`, ['Datastore.AllocateSpace']);
}

/**
 * pve-container LXC.pm `check_ct_modify_config_perm`, for create and config updates. Only the user
 * root@pam skips it: an API token is never root@pam, not even `root@pam!x` (its authuser is the
 * token id), so a token can set no feature flag but nesting, and none on a privileged CT.
 */
/**
 * PVE::GuestHelpers::assert_tag_permissions: without Sys.Modify on `/`, every tag added or removed
 * must be allowed by datacenter.cfg's user-tag-access and not be a registered tag.
 */
function assertTagPermissions(
  ctx: RequestContext,
  before: ConfigValue | undefined,
  after: ConfigValue | undefined,
): void {
  if (hasPrivilege(ctx.principal, '/', 'Sys.Modify')) return;
  const count = (v: ConfigValue | undefined) => {
    const n = new Map<string, number>();
    for (const t of splitList(v === undefined ? '' : String(v))) n.set(t, (n.get(t) ?? 0) + 1);
    return n;
  };
  const [old, now] = [count(before), count(after)];
  let access: TagAccess | undefined;
  for (const tag of new Set([...old.keys(), ...now.keys()])) {
    if ((old.get(tag) ?? 0) === (now.get(tag) ?? 0)) continue;
    access ??= tagAccess(ctx, false);
    if ((!access.allowed.has(tag) && !access.freeform) || access.registered.has(tag))
      throw permExc(`/, Sys.Modify for modifying tag '${tag}'`);
  }
}

export function checkModifyConfigPerm(ctx: RequestContext, c: ConfigChange): void {
  if (ctx.principal.userid === 'root@pam' && !ctx.principal.tokenid) return;
  const check = (key: string, deleting: boolean): void => {
    if (['cores', 'cpuunits', 'cpulimit'].includes(key))
      checkVmPerm(ctx, c.vmid, c.pool, 'VM.Config.CPU');
    else if (key === 'rootfs' || /^mp\d+$/.test(key)) checkDisk(ctx, c, key, deleting);
    else if (key === 'memory' || key === 'swap')
      checkVmPerm(ctx, c.vmid, c.pool, 'VM.Config.Memory');
    else if (/^net\d+$/.test(key)) {
      checkVmPerm(ctx, c.vmid, c.pool, 'VM.Config.Network');
      checkBridge(ctx, c.old?.[key]);
      checkBridge(ctx, deleting ? undefined : c.set[key]);
    } else if (/^dev\d+$/.test(key))
      throw permExc('configuring device passthrough is only allowed for root@pam');
    else if (['nameserver', 'searchdomain', 'hostname'].includes(key))
      checkVmPerm(ctx, c.vmid, c.pool, 'VM.Config.Network');
    else if (key === 'features') checkFeatures(ctx, c, deleting);
    else if (key === 'hookscript')
      throw permExc('changing the hookscript is only allowed for root@pam');
    else if (key === 'tags') {
      checkVmPerm(ctx, c.vmid, c.pool, 'VM.Config.Options');
      assertTagPermissions(ctx, c.old?.tags, deleting ? undefined : c.set.tags);
    } else checkVmPerm(ctx, c.vmid, c.pool, 'VM.Config.Options');
  };
  for (const key of Object.keys(c.set)) check(key, false);
  for (const key of c.delete) check(key, true);
}
