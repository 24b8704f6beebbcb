import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreshnessDto } from '../../common/freshness.dto.js';

export class ContainerSummaryDto {
  @ApiProperty({ example: 101 })
  vmid: number;

  @ApiProperty({ description: 'Hostname', example: 'brave-otter' })
  name: string;

  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiProperty({
    enum: ['running', 'stopped', 'paused', 'unknown'],
    description: 'unknown when the node is offline: never reported as stopped',
    example: 'running',
  })
  status: string;

  @ApiProperty({ description: 'CPU use as a fraction of the allowed cores (0..maxcpu)' })
  cpu: number;

  @ApiProperty({ description: 'Allowed cores' })
  maxcpu: number;

  @ApiProperty({ description: 'Memory used, bytes' })
  mem: number;

  @ApiProperty({ description: 'Memory limit, bytes' })
  maxmem: number;

  @ApiProperty({ description: 'Root disk used, bytes' })
  disk: number;

  @ApiProperty({ description: 'Root disk size, bytes' })
  maxdisk: number;

  @ApiProperty({ description: 'Bytes received since start (counter)' })
  netin: number;

  @ApiProperty({ description: 'Bytes sent since start (counter)' })
  netout: number;

  @ApiProperty({ description: 'Bytes read since start (counter)' })
  diskread: number;

  @ApiProperty({ description: 'Bytes written since start (counter)' })
  diskwrite: number;

  @ApiProperty({ description: 'Seconds since start' })
  uptime: number;

  @ApiProperty({ type: [String], example: ['web', 'prod'] })
  tags: string[];

  @ApiPropertyOptional({ description: 'Lock held, e.g. create, backup', example: 'create' })
  lock?: string;

  @ApiPropertyOptional({
    description:
      "Set for an HA-managed CT: the HA manager's service state (started, stopped, request_stop, error, fence, ...). Start/stop/shutdown of such a CT only ask the HA manager: the task ends at once and the CT follows a little later",
    example: 'started',
  })
  hastate?: string;

  @ApiProperty({ description: 'A container template (cannot be started)' })
  template: boolean;

  @ApiPropertyOptional({ example: 'production' })
  pool?: string;

  @ApiPropertyOptional({
    description:
      'IPv4 address of a running container (its first network interface that has one, without prefix): a static address from its config, a DHCP one as the container itself shows it. Proxmox has no cluster-wide source of addresses, so the console reads them in the background at a bounded cadence (docs/ARCHITECTURE.md); absent while the container is not running or not read yet',
    example: '10.10.0.101',
  })
  ipv4?: string;

  @ApiPropertyOptional({
    description:
      'Protection flag of its config (Proxmox refuses to delete it); read with the address, absent until then',
    example: false,
  })
  protection?: boolean;

  @ApiPropertyOptional({
    description: 'When the console last read ipv4 and protection from Proxmox, ISO 8601',
    example: '2026-11-26T04:10:00.000Z',
  })
  addressReadAt?: string;
}

export class ContainerNetworkDto {
  @ApiProperty({ description: 'Config key', example: 'net0' })
  key: string;

  @ApiProperty({ example: 'eth0' })
  name: string;

  @ApiPropertyOptional({ example: 'vmbr0' })
  bridge?: string;

  @ApiPropertyOptional({ example: 'dhcp' })
  ip?: string;

  @ApiPropertyOptional({ example: '192.168.1.1' })
  gw?: string;

  @ApiPropertyOptional({ example: 'auto' })
  ip6?: string;

  @ApiPropertyOptional()
  gw6?: string;

  @ApiPropertyOptional({ description: 'VLAN tag', example: 20 })
  tag?: number;

  @ApiPropertyOptional({ example: 'BC:24:11:2E:4D:5A' })
  hwaddr?: string;

  @ApiProperty()
  firewall: boolean;

  @ApiPropertyOptional({ description: 'Rate limit, MB/s', example: 12.5 })
  rate?: number;

  @ApiPropertyOptional({ description: 'MTU', example: 1500 })
  mtu?: number;
}

export class ContainerPendingChangeDto {
  @ApiProperty({ description: 'Config key', example: 'nameserver' })
  key: string;

  @ApiPropertyOptional({ description: 'Value in effect now', example: '1.1.1.1' })
  value?: string;

  @ApiPropertyOptional({ description: 'Value taken at the next start', example: '9.9.9.9' })
  pending?: string;

  @ApiProperty({ description: 'The key is removed at the next start' })
  delete: boolean;
}

export class ContainerConfigDto {
  @ApiPropertyOptional({ example: 'brave-otter' })
  hostname?: string;

  @ApiPropertyOptional({ example: 'debian' })
  ostype?: string;

  @ApiPropertyOptional({ example: 'amd64' })
  arch?: string;

  @ApiPropertyOptional({ description: 'Cores (unset: all host cores)', example: 2 })
  cores?: number;

  @ApiPropertyOptional({ description: 'MiB', example: 1024 })
  memory?: number;

  @ApiPropertyOptional({ description: 'MiB', example: 512 })
  swap?: number;

  @ApiProperty()
  unprivileged: boolean;

  @ApiProperty()
  onboot: boolean;

  @ApiProperty({ description: 'Protection: Proxmox refuses to delete the container or its disks' })
  protection: boolean;

  @ApiPropertyOptional({ description: 'CPU time limit in cores (0 or absent: none)', example: 1.5 })
  cpulimit?: number;

  @ApiPropertyOptional({ example: '1.1.1.1 9.9.9.9' })
  nameserver?: string;

  @ApiPropertyOptional({ example: 'lan.example' })
  searchdomain?: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { nesting: '1' },
  })
  features: Record<string, string>;

  @ApiPropertyOptional({ description: 'Root disk volume', example: 'local-lvm:vm-101-disk-0' })
  rootfs?: string;

  @ApiPropertyOptional({ description: 'Root disk size as Proxmox writes it', example: '8G' })
  rootfsSize?: string;

  @ApiProperty({ type: [ContainerNetworkDto] })
  networks: ContainerNetworkDto[];

  @ApiPropertyOptional({ description: 'Config digest (for safe updates)' })
  digest?: string;
}

export class ContainerListDto extends FreshnessDto {
  @ApiProperty({ type: [ContainerSummaryDto] })
  items: ContainerSummaryDto[];
}

export class ContainerDetailDto extends ContainerSummaryDto {
  @ApiProperty({ description: 'True when this is the last known state, Proxmox being unreachable' })
  stale: boolean;

  @ApiProperty({ description: 'When Proxmox gave this data, ISO 8601' })
  fetchedAt: string;

  @ApiProperty({
    description:
      'True when only the cluster list is known (the container was never read before Proxmox or its node became unreachable): status, name and resources are the last known ones; swap, maxswap and config are null',
    example: false,
  })
  partial: boolean;

  @ApiProperty({
    description: 'Swap used, bytes; null when partial',
    type: 'number',
    nullable: true,
  })
  swap: number | null;

  @ApiProperty({
    description: 'Swap limit, bytes; null when partial',
    type: 'number',
    nullable: true,
  })
  maxswap: number | null;

  @ApiProperty({
    type: ContainerConfigDto,
    nullable: true,
    description: 'null when partial',
  })
  config: ContainerConfigDto | null;

  @ApiProperty({
    type: [ContainerPendingChangeDto],
    description:
      'Changes a running container could not take live (Proxmox keeps them pending); they apply at its next stop or start. Empty when none or when partial',
  })
  pending: ContainerPendingChangeDto[];
}

export class ContainerInterfaceDto {
  @ApiProperty({ example: 'eth0' })
  name: string;

  @ApiProperty({ example: 'bc:24:11:5e:7a:01' })
  hwaddr: string;

  @ApiPropertyOptional({ description: 'IPv4 address/prefix', example: '10.10.0.101/24' })
  inet?: string;

  @ApiPropertyOptional({
    description: 'IPv6 address/prefix',
    example: 'fe80::be24:11ff:fe5e:7a01/64',
  })
  inet6?: string;
}

export class ContainerInterfaceListDto {
  @ApiProperty({ type: [ContainerInterfaceDto] })
  items: ContainerInterfaceDto[];
}
