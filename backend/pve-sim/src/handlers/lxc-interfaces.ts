import { splitPropertyString, type Guest } from '../cluster/model.js';
import type { Handler } from '../server/context.js';
import { lxcOn } from './views.js';

/** The address a DHCP server in pve-sim's imaginary LAN hands this CT (stable per vmid). */
export function dhcpAddress(vmid: number): string {
  return `10.20.${Math.floor(vmid / 250) % 250}.${(vmid % 250) + 2}/16`;
}

function entry(
  name: string,
  hwaddr: string,
  inet?: string,
  inet6?: string,
): Record<string, unknown> {
  const list: Record<string, unknown>[] = [];
  const out: Record<string, unknown> = { name, hwaddr, 'hardware-address': hwaddr };
  for (const [family, value] of [
    ['inet', inet],
    ['inet6', inet6],
  ] as const) {
    if (!value) continue;
    out[family] = value;
    const [address, prefix] = value.split('/');
    list.push({ 'ip-address-type': family, 'ip-address': address, prefix: Number(prefix) });
  }
  out['ip-addresses'] = list;
  return out;
}

function interfacesOf(g: Guest): Record<string, unknown>[] {
  const out = [entry('lo', '00:00:00:00:00:00', '127.0.0.1/8', '::1/128')];
  const nets = Object.keys(g.config)
    .filter((k) => /^net\d+$/.test(k))
    .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  for (const key of nets) {
    const net = splitPropertyString(String(g.config[key]));
    const hwaddr = (net.hwaddr ?? '').toLowerCase();
    const inet =
      net.ip === 'dhcp' ? dhcpAddress(g.vmid) : net.ip && net.ip !== 'manual' ? net.ip : undefined;
    const link = `fe80::${hwaddr.split(':').slice(3).join('')}/64`;
    const inet6 = net.ip6 && net.ip6.includes('/') ? net.ip6 : link;
    out.push(entry(net.name ?? key.replace('net', 'eth'), hwaddr, inet, inet6));
  }
  return out;
}

/**
 * GET /nodes/{node}/lxc/{vmid}/interfaces (pve-container LXC.pm get_interfaces: `ip --json a`
 * inside the CT's network namespace): null when the CT is not running (no pid to enter).
 */
export const lxcInterfaces: Handler = (ctx) => {
  const g = lxcOn(ctx);
  if (g.status !== 'running') return null;
  return interfacesOf(g);
};
