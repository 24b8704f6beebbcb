import type { ContainerConfig } from './proxmox.types.js';
import type { RawConfig } from './proxmox.raw.js';
import { parsePropertyString } from './property-string.js';
import { splitTags, toBool, toOptionalNumber } from './proxmox.values.js';

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
    unprivileged: toBool(raw.unprivileged),
    onboot: toBool(raw.onboot),
    description: optionalString(raw.description),
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
