import { ContainerSummaryDto } from '../../api/models';

export type PowerAction = 'start' | 'shutdown' | 'stop' | 'reboot';
export const POWER_ACTIONS: readonly PowerAction[] = ['start', 'shutdown', 'stop', 'reboot'];

export interface ContainerFilter {
  /** the search box's selector text; `matched` holds what the server resolved it to */
  readonly text: string;
  readonly matched: ReadonlySet<number> | null;
  readonly statuses: readonly string[];
  readonly node: string;
  readonly tags: readonly string[];
  /** "No backup in N days": the containers the server judged stale; null when not filtering. */
  readonly withoutBackup?: ReadonlySet<number> | null;
}

export type SortKey = 'name' | 'vmid' | 'status' | 'node' | 'cpu' | 'mem' | 'disk' | 'uptime';
export interface ContainerSort {
  readonly key: SortKey;
  readonly direction: 'asc' | 'desc';
}

export const EMPTY_FILTER: ContainerFilter = {
  text: '',
  matched: null,
  statuses: [],
  node: '',
  tags: [],
};

/** The selector's matches (resolved by the server); every other filter narrows further. */
export function filterContainers(
  list: readonly ContainerSummaryDto[],
  filter: ContainerFilter,
): ContainerSummaryDto[] {
  return list.filter(
    (ct) =>
      (!filter.matched || filter.matched.has(ct.vmid)) &&
      (!filter.statuses.length || filter.statuses.includes(ct.status)) &&
      (!filter.node || ct.node === filter.node) &&
      (!filter.tags.length || filter.tags.some((tag) => ct.tags.includes(tag))) &&
      (!filter.withoutBackup || filter.withoutBackup.has(ct.vmid)),
  );
}

/** Memory and disk sort by share of the limit, as that is what "busiest" means to people. */
function sortValue(ct: ContainerSummaryDto, key: SortKey): string | number {
  switch (key) {
    case 'mem':
      return ct.maxmem ? ct.mem / ct.maxmem : 0;
    case 'disk':
      return ct.maxdisk ? ct.disk / ct.maxdisk : 0;
    case 'name':
    case 'status':
    case 'node':
      return ct[key].toLowerCase();
    default:
      return ct[key];
  }
}

export function sortContainers(
  list: readonly ContainerSummaryDto[],
  sort: ContainerSort,
): ContainerSummaryDto[] {
  const factor = sort.direction === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    const order = va < vb ? -1 : va > vb ? 1 : 0;
    return order * factor || a.vmid - b.vmid;
  });
}

export function collectTags(list: readonly ContainerSummaryDto[]): string[] {
  return [...new Set(list.flatMap((ct) => ct.tags))].sort();
}

export function countByStatus(
  list: readonly ContainerSummaryDto[],
): Partial<Record<string, number>> {
  const counts: Partial<Record<string, number>> = {};
  for (const ct of list) counts[ct.status] = (counts[ct.status] ?? 0) + 1;
  return counts;
}

/**
 * Whether Proxmox would accept the action now. A container on an offline node (status
 * unknown), a template or a locked container accepts none.
 */
export function canRun(
  action: PowerAction,
  ct: Pick<ContainerSummaryDto, 'status' | 'template' | 'lock'>,
): boolean {
  if (ct.template || ct.lock) return false;
  if (action === 'start') return ct.status === 'stopped';
  return ct.status === 'running' || (action === 'stop' && ct.status === 'paused');
}

/** Why an action is unavailable, for a tooltip; null when it is available. */
export function whyNot(
  action: PowerAction,
  ct: Pick<ContainerSummaryDto, 'status' | 'template' | 'lock'>,
): string | null {
  if (canRun(action, ct)) return null;
  if (ct.template) return 'Templates cannot be started';
  if (ct.lock) return `Locked (${ct.lock})`;
  if (ct.status === 'unknown') return 'Its node is offline: status unknown';
  return action === 'start' ? 'Already running' : 'Not running';
}
