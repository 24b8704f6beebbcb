import type { ContainerConfig, ContainerInterface } from '../proxmox/proxmox.types.js';

/**
 * Where a container's first IPv4 address comes from. PVE has no cluster-wide source of guest
 * addresses: a static one is in the CT's config (`netN: ...,ip=10.0.0.5/24`), a DHCP (or
 * `manual`) one only inside the running CT (GET .../interfaces, LXC.pm get_interfaces).
 */
export type AddressPlan =
  | { kind: 'static'; ipv4: string }
  | { kind: 'inside'; name: string }
  | { kind: 'none' };

const IPV4_CIDR = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/\d{1,2})?$/;

/** The first netN (by index) that sets `ip` decides: static from the config, else from inside. */
export function addressPlan(nets: ContainerConfig['nets']): AddressPlan {
  for (const { key, options } of nets) {
    const ip = options.ip;
    if (!ip) continue;
    const name = options.name ?? key.replace('net', 'eth');
    const m = IPV4_CIDR.exec(ip);
    if (m) return { kind: 'static', ipv4: m[1] };
    // dhcp, or manual (configured by the CT itself): only the CT knows its address
    return { kind: 'inside', name };
  }
  return { kind: 'none' };
}

/**
 * The IPv4 address (without prefix) of the interface the plan names, as `ip a` inside the CT
 * shows it; the first non-loopback one with an IPv4 when that interface has none.
 */
export function insideAddress(name: string, interfaces: ContainerInterface[]): string | undefined {
  const named = interfaces.find((i) => i.name === name && i.inet);
  const any = interfaces.find((i) => i.name !== 'lo' && i.inet && !i.inet.startsWith('127.'));
  const inet = (named ?? any)?.inet;
  return inet ? IPV4_CIDR.exec(inet)?.[1] : undefined;
}
