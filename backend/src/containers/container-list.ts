import { type Freshness, freshnessOf } from '../common/freshness.dto.js';
import type { ClusterResources, PveGuest } from '../proxmox/proxmox.types.js';
import type { AddressFields } from './container-addresses.service.js';
import { matchesQuery, toContainerSummary } from './container.mapper.js';
import type { ContainerListDto } from './dto/container.dto.js';
import type { ListContainersQueryDto } from './dto/list-containers-query.dto.js';
import { matchesSelector, type Selector } from '../selectors/selector.js';

/**
 * The container list of one cluster snapshot: LXC only (no QEMU VMs), filtered, by vmid, each with
 * what the address source last read of it (ContainerAddressesService.addressOf).
 */
export function toContainerList(
  snapshot: Freshness & { resources: ClusterResources },
  query: ListContainersQueryDto = {},
  selector?: Selector,
  addressOf: (g: PveGuest) => AddressFields = () => ({}),
): ContainerListDto {
  const items = snapshot.resources.guests
    .filter((g) => g.type === 'lxc')
    .map((g) => ({ ...toContainerSummary(g), ...addressOf(g) }))
    .filter((c) => !query.node || c.node === query.node)
    .filter((c) => !query.status || c.status === query.status)
    .filter((c) => !query.q || matchesQuery(c, query.q))
    .filter((c) => !selector || matchesSelector(selector, c))
    .sort((a, b) => a.vmid - b.vmid);
  return { items, ...freshnessOf(snapshot) };
}
