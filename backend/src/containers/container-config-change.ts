import { badRequest } from '../common/domain-errors.js';
import { buildPropertyString, parsePropertyString } from '../proxmox/property-string.js';
import type { ContainerConfig } from '../proxmox/proxmox.types.js';
import { DEFAULT_TAG_STYLE, type TagStyle, uniqueTags } from '../proxmox/tag-style.js';
import { checkGateways } from './dto/network-rules.js';
import { DNS_NAME, isIpAddress } from './dto/patterns.js';
import type { NetworkChangeDto, UpdateContainerDto } from './dto/update-container.dto.js';

/** What one PUT .../config sends: keys to set and keys to delete (PVE's `delete`). */
export interface ConfigChange {
  set: Record<string, string | number>;
  delete: string[];
}

type Raw = ContainerConfig['raw'];

/** What PVE will store for these tags under the datacenter's tag-style, joined with ';'. */
export function storedTags(tags: readonly string[], style: TagStyle = DEFAULT_TAG_STYLE): string {
  return uniqueTags(tags, style).join(';');
}

function setIfChanged(change: ConfigChange, raw: Raw, key: string, value: string | number): void {
  if (raw[key] === undefined || String(raw[key]) !== String(value)) change.set[key] = value;
}

function deleteIfSet(change: ConfigChange, raw: Raw, key: string): void {
  if (raw[key] !== undefined) change.delete.push(key);
}

/** undefined: untouched; an "empty" value: delete; anything else: set if different. */
function scalar(
  change: ConfigChange,
  raw: Raw,
  key: string,
  value: string | number | undefined,
  empty?: string | number,
): void {
  if (value === undefined) return;
  if (value === empty) deleteIfSet(change, raw, key);
  else setIfChanged(change, raw, key, value);
}

function flag(change: ConfigChange, raw: Raw, key: string, value: boolean | undefined): void {
  if (value === undefined) return;
  // as the Proxmox UI does: a flag back at its default (off) is removed, not written as 0
  if (value) setIfChanged(change, raw, key, 1);
  else deleteIfSet(change, raw, key);
}

function spaceList(
  value: string | undefined,
  field: string,
  ok: (part: string) => boolean,
): string | undefined {
  if (value === undefined) return value;
  const parts = value.split(/[\s,;]+/).filter(Boolean);
  const bad = parts.find((p) => !ok(p));
  if (bad !== undefined) {
    const what = field === 'nameserver' ? 'an IP address' : 'a DNS name';
    throw badRequest(`${field}: '${bad}' is not ${what}`, field);
  }
  return parts.join(' ');
}

/**
 * The keys of `delete`, each once; a key given a value too is refused as PVE's
 * API2/LXC/Config.pm (update_vm) refuses "-opt and -delete opt at the same time".
 */
function deletions<T extends object>(dto: T & { delete?: string[] }, where: string): string[] {
  const keys = [...new Set(dto.delete ?? [])];
  const both = keys.find((k) => (dto as Record<string, unknown>)[k] !== undefined);
  if (both !== undefined)
    throw badRequest(
      `${where}${both} is both given a value and listed in delete: do one or the other`,
      `${where}delete`,
    );
  return keys;
}

/** Turns a PATCH into the minimal PVE change against the config it was made on. */
export function planConfigChange(
  dto: UpdateContainerDto,
  config: ContainerConfig,
  tagStyle: TagStyle = DEFAULT_TAG_STYLE,
): ConfigChange {
  const cleared = deletions(dto, '');
  const raw = config.raw;
  const change: ConfigChange = { set: {}, delete: [] };
  scalar(change, raw, 'cores', dto.cores);
  scalar(change, raw, 'memory', dto.memory);
  scalar(change, raw, 'swap', dto.swap);
  scalar(change, raw, 'cpulimit', dto.cpulimit, 0);
  scalar(change, raw, 'hostname', dto.hostname);
  scalar(change, raw, 'description', dto.description, '');
  const nameserver = spaceList(dto.nameserver, 'nameserver', isIpAddress);
  scalar(change, raw, 'nameserver', nameserver, '');
  scalar(
    change,
    raw,
    'searchdomain',
    spaceList(dto.searchdomain, 'searchdomain', (p) => DNS_NAME.test(p)),
    '',
  );
  if (dto.tags !== undefined) scalar(change, raw, 'tags', storedTags(dto.tags, tagStyle), '');
  flag(change, raw, 'onboot', dto.onboot);
  flag(change, raw, 'protection', dto.protection);
  for (const key of cleared) deleteIfSet(change, raw, key);
  if (dto.networks?.length) planNetworks(change, raw, dto.networks);
  return change;
}

const NET_FIELDS: [keyof NetworkChangeDto, string][] = [
  ['name', 'name'],
  ['bridge', 'bridge'],
  ['ip', 'ip'],
  ['gateway', 'gw'],
  ['ip6', 'ip6'],
  ['gateway6', 'gw6'],
  ['vlan', 'tag'],
  ['rate', 'rate'],
  ['mtu', 'mtu'],
];

/** The new option set of one interface; hwaddr and options the console does not edit are kept. */
function mergeNet(key: string, current: Record<string, string>, dto: NetworkChangeDto): string {
  const opts: Record<string, string> = { ...current };
  const cleared = deletions(dto, `${key}.`);
  for (const [field, option] of NET_FIELDS) {
    const value = dto[field];
    if (cleared.includes(field)) delete opts[option];
    else if (value !== undefined) opts[option] = String(value);
  }
  if (dto.firewall !== undefined) {
    if (dto.firewall) opts.firewall = '1';
    else delete opts.firewall;
  }
  opts.name ??= `eth${key.slice(3)}`;
  opts.bridge ??= 'vmbr0';
  checkGateways({ ip: opts.ip, gateway: opts.gw, ip6: opts.ip6, gateway6: opts.gw6 }, `${key}.`);
  const { name, bridge, ...rest } = opts;
  return buildPropertyString({ name, bridge, ...rest });
}

function sameOptions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

function nextFreeNet(taken: Set<string>): string {
  for (let n = 0; n < 32; n++) if (!taken.has(`net${n}`)) return `net${n}`;
  throw badRequest('a container has at most 32 network interfaces (net0 .. net31)', 'networks');
}

/** netN add / edit / remove, validated like the create wizard; names stay unique. */
function planNetworks(change: ConfigChange, raw: Raw, changes: NetworkChangeDto[]): void {
  const nets = new Map<string, Record<string, string>>();
  for (const key of Object.keys(raw).filter((k) => /^net\d+$/.test(k)))
    nets.set(key, parsePropertyString(String(raw[key])));
  for (const net of changes) {
    if (net.remove) {
      if (!net.key)
        throw badRequest('networks: key is required to remove an interface', 'networks');
      if (!nets.has(net.key)) throw badRequest(`${net.key} does not exist`, 'networks');
      nets.delete(net.key);
      change.delete.push(net.key);
      continue;
    }
    const key = net.key ?? nextFreeNet(new Set([...nets.keys(), ...change.delete]));
    const current = nets.get(key) ?? {};
    const value = mergeNet(key, current, net);
    const parsed = parsePropertyString(value);
    nets.set(key, parsed);
    if (!sameOptions(parsed, current)) change.set[key] = value;
  }
  const names = [...nets.values()].map((n) => n.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup)
    throw badRequest(`two interfaces would be named '${dup}' inside the container`, 'networks');
}

export interface PrivilegeNeed {
  path: string;
  privileges: string[];
}

const CPU_KEYS = new Set(['cores', 'cpulimit', 'cpuunits']);
const MEMORY_KEYS = new Set(['memory', 'swap']);
const NETWORK_KEYS = new Set(['hostname', 'nameserver', 'searchdomain']);

function privilegeFor(key: string): string {
  if (CPU_KEYS.has(key)) return 'VM.Config.CPU';
  if (MEMORY_KEYS.has(key)) return 'VM.Config.Memory';
  if (NETWORK_KEYS.has(key) || /^net\d+$/.test(key)) return 'VM.Config.Network';
  return 'VM.Config.Options';
}

/**
 * What PVE::LXC::check_ct_modify_config_perm asks of this change: the VM.Config.* privilege of
 * each key, and SDN.Use on the bridge (and VLAN) of every interface set or removed
 * (check_bridge_access -> check_vnet_access, plain bridges live in zone localnetwork).
 */
export function privilegesForChange(vmid: number, change: ConfigChange, raw: Raw): PrivilegeNeed[] {
  const keys = [...Object.keys(change.set), ...change.delete];
  const privileges = [...new Set(keys.map(privilegeFor))].sort();
  const needs: PrivilegeNeed[] = privileges.map((p) => ({ path: `/vms/${vmid}`, privileges: [p] }));
  const bridges = new Set<string>();
  for (const key of keys.filter((k) => /^net\d+$/.test(k))) {
    for (const value of [raw[key], change.set[key]]) {
      if (value === undefined) continue;
      const { bridge, tag } = parsePropertyString(String(value));
      if (bridge) bridges.add(`/sdn/zones/localnetwork/${bridge}${tag ? `/${tag}` : ''}`);
    }
  }
  for (const path of [...bridges].sort()) needs.push({ path, privileges: ['SDN.Use'] });
  return needs;
}
