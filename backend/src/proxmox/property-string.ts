/**
 * PVE property strings (`name=eth0,bridge=vmbr0,ip=dhcp`): comma-separated key=value pairs where
 * one key may be written without its name (e.g. the volume in `local-lvm:8,size=8G`).
 */
export function parsePropertyString(value: string, defaultKey?: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item === '') {
      continue;
    }
    const eq = item.indexOf('=');
    if (eq === -1) {
      // only the format's default key may be written without its name
      if (defaultKey && !(defaultKey in result)) {
        result[defaultKey] = item;
      } else {
        result[item] = '';
      }
      continue;
    }
    result[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return result;
}

type PropertyValue = string | number | boolean | undefined | null;

/** Joins key=value pairs, skipping empty values; booleans go out as 1/0 like every PVE boolean. */
export function buildPropertyString(entries: Record<string, PropertyValue>): string {
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(entries)) {
    if (raw === undefined || raw === null || raw === '') {
      continue;
    }
    const value = typeof raw === 'boolean' ? (raw ? '1' : '0') : String(raw);
    if (/[,=]/.test(value)) {
      throw new Error(`property ${key} must not contain ',' or '='`);
    }
    parts.push(`${key}=${value}`);
  }
  return parts.join(',');
}

export interface NetSpec {
  name: string;
  bridge: string;
  /** IPv4/CIDR, 'dhcp' or 'manual' */
  ip?: string;
  gw?: string;
  /** IPv6/CIDR, 'auto', 'dhcp' or 'manual' */
  ip6?: string;
  gw6?: string;
  /** VLAN tag 1..4094 */
  tag?: number;
  firewall?: boolean;
}

/** Builds a `net[n]` value in the key order PVE writes back (name, bridge, firewall, gw, ...). */
export function buildNetString(spec: NetSpec): string {
  if (!spec.name || !spec.bridge) {
    throw new Error('net: name and bridge are required');
  }
  if (spec.tag !== undefined && (!Number.isInteger(spec.tag) || spec.tag < 1 || spec.tag > 4094)) {
    throw new Error('net: tag must be an integer between 1 and 4094');
  }
  return buildPropertyString({
    name: spec.name,
    bridge: spec.bridge,
    firewall: spec.firewall,
    gw: spec.gw,
    gw6: spec.gw6,
    ip: spec.ip,
    ip6: spec.ip6,
    tag: spec.tag,
  });
}
