import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BRIDGE,
  BRIDGE_MESSAGE,
  IP4_CONFIG,
  IP4_MESSAGE,
  IsIp6Config,
  IsIpv6Gateway,
} from './network-rules.js';
import { DNS_NAME, IPV4, TAG } from './patterns.js';

/** netN options a PATCH can clear; name and bridge are required by PVE. */
export const NETWORK_CLEARABLE = [
  'ip',
  'gateway',
  'ip6',
  'gateway6',
  'vlan',
  'rate',
  'mtu',
] as const;
/** Settings a PATCH can clear; memory and hostname cannot be removed. */
export const CLEARABLE = [
  'cores',
  'swap',
  'cpulimit',
  'description',
  'nameserver',
  'searchdomain',
  'tags',
  'onboot',
  'protection',
] as const;

const CLEARS = 'list it in `delete` to remove the setting (Proxmox default)';

/** Adds, edits or removes one netN; on edit, absent fields keep their value and `delete` clears. */
export class NetworkChangeDto {
  @ApiPropertyOptional({
    description: 'Config key; absent: a new interface on the next free netN',
    example: 'net0',
  })
  @IsOptional()
  @Matches(/^net([0-9]|[12][0-9]|3[01])$/, { message: 'key must be net0 .. net31' })
  key?: string;

  @ApiPropertyOptional({ description: 'Remove this interface (key required)' })
  @IsOptional()
  @IsBoolean({ message: 'remove must be true or false' })
  remove?: boolean;

  @ApiPropertyOptional({ description: 'Name inside the container', example: 'eth1' })
  @IsOptional()
  @Matches(/^[-_.a-zA-Z0-9]{1,15}$/, {
    message: "name must be an interface name such as eth1 (letters, digits, '-', '_', '.')",
  })
  name?: string;

  @ApiPropertyOptional({ example: 'vmbr0' })
  @IsOptional()
  @Matches(BRIDGE, { message: BRIDGE_MESSAGE })
  bridge?: string;

  @ApiPropertyOptional({
    type: String,
    description: `'dhcp' or IPv4/prefix; ${CLEARS}`,
  })
  @IsOptional()
  @Matches(IP4_CONFIG, { message: IP4_MESSAGE })
  ip?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'IPv4 gateway (static ip only)',
  })
  @IsOptional()
  @Matches(IPV4, { message: 'gateway must be an IPv4 address such as 192.168.1.1' })
  gateway?: string;

  @ApiPropertyOptional({
    type: String,
    description: `'dhcp', 'auto' (SLAAC) or IPv6/prefix; ${CLEARS}`,
  })
  @IsOptional()
  @IsIp6Config()
  ip6?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'IPv6 gateway (static ip6 only)',
  })
  @IsOptional()
  @IsIpv6Gateway()
  gateway6?: string;

  @ApiPropertyOptional({
    type: Number,
    description: 'VLAN tag',
    minimum: 1,
    maximum: 4094,
  })
  @IsOptional()
  @IsInt({ message: 'vlan must be a whole number' })
  @Min(1, { message: 'vlan must be from 1 to 4094' })
  @Max(4094, { message: 'vlan must be from 1 to 4094' })
  vlan?: number;

  @ApiPropertyOptional({ description: 'Use the Proxmox firewall on this interface' })
  @IsOptional()
  @IsBoolean({ message: 'firewall must be true or false' })
  firewall?: boolean;

  @ApiPropertyOptional({
    type: Number,
    description: 'Rate limit in MB/s',
    minimum: 0,
  })
  @IsOptional()
  @IsNumber({}, { message: 'rate must be a number of MB/s' })
  @Min(0, { message: 'rate must not be negative' })
  @Max(1e6, { message: 'rate must be at most 1000000 MB/s' })
  rate?: number;

  @ApiPropertyOptional({
    type: Number,
    description: 'MTU',
    minimum: 64,
    maximum: 65535,
  })
  @IsOptional()
  @IsInt({ message: 'mtu must be a whole number' })
  @Min(64, { message: 'mtu must be from 64 to 65535' })
  @Max(65535, { message: 'mtu must be from 64 to 65535' })
  mtu?: number;

  @ApiPropertyOptional({
    description: 'Options of this interface to remove (not together with a value for them)',
    type: [String],
    enum: NETWORK_CLEARABLE,
    example: ['vlan'],
  })
  @IsOptional()
  @IsArray({ message: 'delete must be a list of option names' })
  @ArrayMaxSize(NETWORK_CLEARABLE.length)
  @IsIn(NETWORK_CLEARABLE, {
    each: true,
    message: `delete may name ${NETWORK_CLEARABLE.join(', ')}`,
  })
  delete?: string[];
}

/**
 * Changes to a container's settings. Only what differs from the current config is sent to
 * Proxmox; `delete` names the settings to remove (PVE's `delete`). No field takes null: the
 * validation pipe refuses null in every body.
 */
export class UpdateContainerDto {
  @ApiPropertyOptional({
    type: Number,
    description: `Cores; ${CLEARS}: all host cores`,
    minimum: 1,
  })
  @IsOptional()
  @IsInt({ message: 'cores must be a whole number' })
  @Min(1, { message: 'cores must be at least 1' })
  @Max(8192, { message: 'cores must be at most 8192' })
  cores?: number;

  @ApiPropertyOptional({ description: 'MiB', minimum: 16 })
  @IsOptional()
  @IsInt({ message: 'memory must be a whole number of MiB' })
  @Min(16, { message: 'memory must be at least 16 MiB' })
  @Max(4_194_304, { message: 'memory must be at most 4194304 MiB' })
  memory?: number;

  @ApiPropertyOptional({
    type: Number,
    description: `MiB; ${CLEARS}`,
    minimum: 0,
  })
  @IsOptional()
  @IsInt({ message: 'swap must be a whole number of MiB' })
  @Min(0, { message: 'swap must not be negative' })
  @Max(4_194_304, { message: 'swap must be at most 4194304 MiB' })
  swap?: number;

  @ApiPropertyOptional({
    type: Number,
    description: 'CPU time limit in cores; 0 (or `delete`): none',
    maximum: 8192,
  })
  @IsOptional()
  @IsNumber({}, { message: 'cpulimit must be a number of cores' })
  @Min(0, { message: 'cpulimit must not be negative' })
  @Max(8192, { message: 'cpulimit must be at most 8192' })
  cpulimit?: number;

  @ApiPropertyOptional({ description: 'Rename: the DNS name of the container', example: 'web-2' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  @Matches(DNS_NAME, {
    message: "hostname must be a valid DNS name (letters, digits and '-', labels separated by '.')",
  })
  hostname?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Replaces the tags; Proxmox stores them lower-cased, sorted and unique (datacenter default); [] (or `delete`) removes all',
    example: ['web', 'prod'],
  })
  @IsOptional()
  @IsArray({ message: 'tags must be a list of strings' })
  @ArrayMaxSize(32)
  @Matches(TAG, { each: true, message: "each tag may hold letters, digits, '_', '-', '+' and '.'" })
  tags?: string[];

  @ApiPropertyOptional({ description: 'Start on node boot' })
  @IsOptional()
  @IsBoolean({ message: 'onboot must be true or false' })
  onboot?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Protection: Proxmox refuses to delete the container or change its disks',
  })
  @IsOptional()
  @IsBoolean({ message: 'protection must be true or false' })
  protection?: boolean;

  @ApiPropertyOptional({
    type: String,
    description: "Notes; '' (or `delete`) removes them",
  })
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  description?: string;

  @ApiPropertyOptional({
    type: String,
    description: `DNS servers, space-separated IP addresses; ${CLEARS}: the host's`,
    example: '1.1.1.1 9.9.9.9',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  nameserver?: string;

  @ApiPropertyOptional({
    type: String,
    description: `DNS search domains, space-separated; ${CLEARS}: the host's`,
    example: 'lan.example',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  searchdomain?: string;

  @ApiPropertyOptional({ type: [NetworkChangeDto] })
  @IsOptional()
  @IsArray({ message: 'networks must be a list' })
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => NetworkChangeDto)
  networks?: NetworkChangeDto[];

  @ApiPropertyOptional({
    description:
      "Settings to remove (PVE's `delete`): back to Proxmox's default; not together with a value for them",
    type: [String],
    enum: CLEARABLE,
    example: ['swap', 'nameserver'],
  })
  @IsOptional()
  @IsArray({ message: 'delete must be a list of setting names' })
  @ArrayMaxSize(CLEARABLE.length)
  @IsIn(CLEARABLE, { each: true, message: `delete may name ${CLEARABLE.join(', ')}` })
  delete?: string[];

  @ApiPropertyOptional({
    description:
      'The config digest the change was made against (from GET); 409 when the config changed since',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{40}$/, { message: 'digest must be the 40 hex digits GET returned' })
  digest?: string;
}

export class ResizeDiskDto {
  @ApiProperty({ description: 'rootfs or a mount point mpN', example: 'rootfs' })
  @Matches(/^(rootfs|mp([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5]))$/, {
    message: 'disk must be rootfs or a mount point such as mp0',
  })
  disk: string;

  @ApiProperty({
    description:
      "'+2G' grows by 2 GiB, '20G' grows to 20 GiB (units K, M, G, T); Proxmox never shrinks a disk",
    example: '+2G',
  })
  @Matches(/^\+?\d+(\.\d+)?[KMGT]$/, {
    message: "size must be like '+2G' (grow by) or '20G' (grow to), with unit K, M, G or T",
  })
  size: string;
}
