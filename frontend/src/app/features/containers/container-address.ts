import { ContainerSummaryDto } from '../../api/models';
import { formatAge, toEpochMs } from '../../shared/format/format';

/**
 * An address read longer ago than this is marked old: twice the console's background refresh
 * of an unchanged container (10 min, docs/ARCHITECTURE.md "Addresses and protection").
 */
export const ADDRESS_OLD_MS = 20 * 60_000;

export interface AddressView {
  /** the address, or "—" */
  readonly text: string;
  /** how old the reading is, or why there is none */
  readonly tooltip: string;
  /** "read 2 min ago" (and "last known" while Proxmox is away); empty without a reading */
  readonly note: string;
  /** the reading is older than ADDRESS_OLD_MS, or Proxmox cannot be reached (last known) */
  readonly old: boolean;
}

type AddressOf = Pick<ContainerSummaryDto, 'status' | 'ipv4' | 'addressReadAt'>;

/** How a container's IPv4 reads in the list and on its page, with the age of the reading. */
export function addressView(ct: AddressOf, now: number, stale: boolean): AddressView {
  const none = { text: '—', note: '', old: false };
  if (ct.status !== 'running') return { ...none, tooltip: 'Shown while it runs' };
  const readAt = toEpochMs(ct.addressReadAt);
  if (readAt === null) {
    return { ...none, tooltip: 'Not read yet: addresses are read in the background' };
  }
  const age = Math.max(now - readAt, 0);
  const old = stale || age > ADDRESS_OLD_MS;
  const note = `read ${formatAge(age)}${stale ? ', Proxmox cannot be reached: last known' : ''}`;
  if (!ct.ipv4) {
    return { text: '—', tooltip: `No IPv4 address (no DHCP lease yet?), ${note}`, note, old };
  }
  return { text: ct.ipv4, tooltip: `IPv4 ${note}`, note, old };
}

export const PROTECTED_TIP =
  'Protected: Proxmox will not delete this container or change its disks. Turn it off in Settings.';
