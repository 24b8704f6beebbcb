import type {
  ContainerConfig,
  ContainerPendingItem,
  ContainerSnapshot,
  ContainerSnapshotList,
} from './proxmox.types.js';
import type { RawConfig, RawPendingItem, RawSnapshot } from './proxmox.raw.js';
import { parsePropertyString } from './property-string.js';
import { splitTags, toBool, toNumber, toOptionalNumber } from './proxmox.values.js';

function parseRootfs(value: string): ContainerConfig['rootfs'] {
  const { volume, size, ...options } = parsePropertyString(value, 'volume');
  const rootfs: NonNullable<ContainerConfig['rootfs']> = { volume: volume ?? '', options };
  if (size !== undefined) {
    rootfs.size = size;
  }
  return rootfs;
}

function parseNets(raw: RawConfig): ContainerConfig['nets'] {
  return Object.keys(raw)
    .filter((key) => /^net\d+$/.test(key))
    .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)))
    .map((key) => ({ key, options: parsePropertyString(String(raw[key])) }));
}

function optionalString(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** Maps GET /nodes/{node}/lxc/{vmid}/config; unknown keys stay available in `raw`. */
export function mapContainerConfig(raw: RawConfig): ContainerConfig {
  const config: ContainerConfig = {
    hostname: optionalString(raw.hostname),
    ostype: optionalString(raw.ostype),
    arch: optionalString(raw.arch),
    cores: toOptionalNumber(raw.cores),
    memory: toOptionalNumber(raw.memory),
    swap: toOptionalNumber(raw.swap),
    cpulimit: toOptionalNumber(raw.cpulimit),
    unprivileged: toBool(raw.unprivileged),
    onboot: toBool(raw.onboot),
    protection: toBool(raw.protection),
    description: optionalString(raw.description),
    nameserver: optionalString(raw.nameserver),
    searchdomain: optionalString(raw.searchdomain),
    tags: splitTags(optionalString(raw.tags)),
    features: raw.features === undefined ? {} : parsePropertyString(String(raw.features)),
    rootfs: raw.rootfs === undefined ? undefined : parseRootfs(String(raw.rootfs)),
    nets: parseNets(raw),
    lock: optionalString(raw.lock),
    digest: optionalString(raw.digest),
    raw: { ...raw },
  };
  for (const key of Object.keys(config) as (keyof ContainerConfig)[]) {
    if (config[key] === undefined) {
      delete config[key];
    }
  }
  return config;
}

function optionalText(value: string | number | null | undefined): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** Maps GET .../pending (GuestHelpers::config_with_pending_array); `digest` is not a setting. */
export function mapPendingItems(raw: RawPendingItem[]): ContainerPendingItem[] {
  return raw
    .filter((r) => typeof r.key === 'string' && r.key !== 'digest')
    .map((r) => {
      const item: ContainerPendingItem = { key: String(r.key), delete: toBool(r.delete ?? 0) };
      const value = optionalText(r.value);
      const pending = optionalText(r.pending);
      if (value !== undefined) item.value = value;
      if (pending !== undefined) item.pending = pending;
      return item;
    });
}

/** Maps GET .../snapshot, leaving out PVE's synthetic `current` entry but keeping its parent. */
export function mapSnapshots(raw: RawSnapshot[]): ContainerSnapshotList {
  const current = raw.find((s) => s.name === 'current');
  const snapshots: ContainerSnapshot[] = raw
    .filter((s) => typeof s.name === 'string' && s.name !== 'current')
    .map((s) => ({
      name: String(s.name),
      description: s.description ?? '',
      snaptime: toNumber(s.snaptime ?? 0),
      ...(s.parent ? { parent: s.parent } : {}),
      ...(s.snapstate ? { snapstate: s.snapstate } : {}),
    }));
  // oldest first; within one second a parent still comes before its children
  const depth = (name: string | undefined, seen = 0): number => {
    const parent = snapshots.find((s) => s.name === name)?.parent;
    return parent === undefined || seen > snapshots.length ? seen : depth(parent, seen + 1);
  };
  snapshots.sort((a, b) => a.snaptime - b.snaptime || depth(a.name) - depth(b.name));
  return current?.parent ? { snapshots, currentParent: current.parent } : { snapshots };
}
