import type { PveGuest } from '../proxmox/proxmox.types.js';

/*
 * The cadence of the address source (docs/ARCHITECTURE.md, "Addresses and protection"). Every
 * ADDRESS_TICK_MS one cycle reads the config (and, for a running CT whose address is not static,
 * the interfaces) of at most ADDRESS_REQUESTS_PER_TICK / 2..1 containers, ADDRESS_CONCURRENCY at
 * a time: new containers first, then started or restarted ones, then ones whose cluster entry
 * changed, then any not read for ADDRESS_REFRESH_AFTER_MS. So Proxmox gets at most 12 requests
 * per 15 s (0.8/s) from it, however many containers there are; up to 240 containers are each
 * read every 10 minutes, a larger fleet every N / 24 minutes.
 */
export const ADDRESS_TICK_MS = 15_000;
/** Proxmox requests one cycle may make (a running CT costs 2: config + interfaces). */
export const ADDRESS_REQUESTS_PER_TICK = 12;
/** Containers read at the same time within a cycle. */
export const ADDRESS_CONCURRENCY = 2;
/** A container whose cluster entry did not change is read again after this long. */
export const ADDRESS_REFRESH_AFTER_MS = 10 * 60_000;
/** A running CT that had no DHCP lease yet (just started) is asked again after this long. */
export const ADDRESS_RETRY_MS = 30_000;
/** Opening (and polling) a container's page reads its interfaces at most this often. */
export const ADDRESS_ON_DEMAND_MIN_AGE_MS = 60_000;
/** A container whose read failed is not asked again for this long (by cycles or its page). */
export const ADDRESS_FAILED_RETRY_MS = 2 * 60_000;

/** What the cluster list said about a container when it was read, to notice changes. */
export interface GuestMark {
  node: string;
  status: string;
  uptime: number;
  /** the config-made fields of /cluster/resources (name, sizes, tags, lock, template) */
  shape: string;
}

/** One container's address and protection as last read from Proxmox. */
export interface AddressEntry {
  /** IPv4 without prefix: static from the config, or as the running CT showed it */
  ipv4?: string;
  protection: boolean;
  /** the address is set inside the CT (dhcp, manual): only .../interfaces tells it */
  inside: boolean;
  seen: GuestMark;
  /** epoch ms of the read */
  readAt: number;
}

export type RefreshReason = 'new' | 'started' | 'no-lease' | 'changed' | 'due';

const PRIORITY: Record<RefreshReason, number> = {
  new: 0,
  started: 1,
  'no-lease': 1,
  changed: 2,
  due: 3,
};

export interface DueContainer {
  guest: PveGuest;
  reason: RefreshReason;
  /** Proxmox requests the read may take */
  cost: number;
}

export function markOf(g: PveGuest): GuestMark {
  const shape = [g.name, g.maxcpu, g.maxmem, g.maxdisk, g.tags.join(';'), g.lock ?? '', g.template];
  return { node: g.node, status: g.status, uptime: g.uptime, shape: shape.join('|') };
}

/** Why the container should be read now, or undefined when its last read still holds. */
export function refreshReason(
  g: PveGuest,
  entry: AddressEntry | undefined,
  now: number,
): RefreshReason | undefined {
  if (!entry) return 'new';
  const running = g.status === 'running';
  const { seen } = entry;
  if (running && (seen.status !== 'running' || g.uptime < seen.uptime)) return 'started';
  if (running && entry.inside && !entry.ipv4 && now - entry.readAt >= ADDRESS_RETRY_MS)
    return 'no-lease';
  if (g.node !== seen.node || markOf(g).shape !== seen.shape) return 'changed';
  if (now - entry.readAt >= ADDRESS_REFRESH_AFTER_MS) return 'due';
  return undefined;
}

/**
 * The containers one cycle reads, most urgent first (then the longest unread), within the
 * request budget. Guests whose state is unknown (node away) or that `skip` names are left for
 * a later cycle; QEMU VMs are not containers.
 */
export function pickDue(
  guests: readonly PveGuest[],
  entries: ReadonlyMap<number, AddressEntry>,
  now: number,
  budget = ADDRESS_REQUESTS_PER_TICK,
  skip: (g: PveGuest) => boolean = () => false,
): DueContainer[] {
  const due: (DueContainer & { readAt: number })[] = [];
  for (const guest of guests) {
    if (guest.type !== 'lxc' || guest.status === 'unknown' || skip(guest)) continue;
    const entry = entries.get(guest.vmid);
    const reason = refreshReason(guest, entry, now);
    if (!reason) continue;
    const cost = guest.status === 'running' ? 2 : 1;
    due.push({ guest, reason, cost, readAt: entry?.readAt ?? 0 });
  }
  due.sort(
    (a, b) =>
      PRIORITY[a.reason] - PRIORITY[b.reason] || a.readAt - b.readAt || a.guest.vmid - b.guest.vmid,
  );
  const picked: DueContainer[] = [];
  let left = budget;
  for (const { guest, reason, cost } of due) {
    if (left <= 0) break;
    if (cost > left) continue;
    picked.push({ guest, reason, cost });
    left -= cost;
  }
  return picked;
}
