import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { VMID_MAX, VMID_MIN } from '../../common/params.js';
import {
  BRIDGE,
  BRIDGE_MESSAGE,
  IP4_CONFIG,
  IP4_MESSAGE,
  IsIp6Config,
  IsIpv6Gateway,
} from './network-rules.js';
import {
  DNS_NAME,
  IPV4,
  NODE_NAME,
  isSshKeyList,
  STORAGE_ID,
  TAG,
  TEMPLATE_VOLID,
} from './patterns.js';

export class CreateContainerDto {
  @ApiProperty({
    description: 'Template volume id',
    example: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
  })
  @IsString()
  @Matches(TEMPLATE_VOLID, {
    message:
      'template must be a template volume id such as local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
  })
  template: string;

  @ApiPropertyOptional({ description: 'DNS name; generated when absent', example: 'brave-otter' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  @Matches(DNS_NAME, {
    message: "hostname must be a valid DNS name (letters, digits and '-', labels separated by '.')",
  })
  hostname?: string;

  @ApiPropertyOptional({
    description: 'Default: the online node with most free memory',
    example: 'pve1',
  })
  @IsOptional()
  @Matches(NODE_NAME, { message: 'node must be a node name' })
  node?: string;

  @ApiPropertyOptional({ description: 'Default: the next free id of the cluster', example: 120 })
  @IsOptional()
  @IsInt({ message: 'vmid must be a whole number' })
  @Min(VMID_MIN, { message: `vmid must be at least ${VMID_MIN}` })
  @Max(VMID_MAX, { message: `vmid must be at most ${VMID_MAX}` })
  vmid?: number;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 8192 })
  @IsOptional()
  @IsInt({ message: 'cores must be a whole number' })
  @Min(1, { message: 'cores must be at least 1' })
  @Max(8192, { message: 'cores must be at most 8192' })
  cores?: number;

  @ApiPropertyOptional({ description: 'MiB', default: 512, minimum: 16 })
  @IsOptional()
  @IsInt({ message: 'memory must be a whole number of MiB' })
  @Min(16, { message: 'memory must be at least 16 MiB' })
  @Max(4_194_304, { message: 'memory must be at most 4194304 MiB' })
  memory?: number;

  @ApiPropertyOptional({ description: 'MiB', default: 512, minimum: 0 })
  @IsOptional()
  @IsInt({ message: 'swap must be a whole number of MiB' })
  @Min(0, { message: 'swap must not be negative' })
  @Max(4_194_304, { message: 'swap must be at most 4194304 MiB' })
  swap?: number;

  @ApiPropertyOptional({ description: 'Root disk size, GiB', default: 8, minimum: 1 })
  @IsOptional()
  @IsInt({ message: 'disk must be a whole number of GiB' })
  @Min(1, { message: 'disk must be at least 1 GiB' })
  @Max(131_072, { message: 'disk must be at most 131072 GiB' })
  disk?: number;

  @ApiPropertyOptional({
    description: "Storage for the root disk; default: the node's first storage for containers",
    example: 'local-lvm',
  })
  @IsOptional()
  @Matches(STORAGE_ID, { message: 'storage must be a storage id such as local-lvm' })
  storage?: string;

  @ApiPropertyOptional({ default: 'vmbr0' })
  @IsOptional()
  @Matches(BRIDGE, { message: BRIDGE_MESSAGE })
  bridge?: string;

  @ApiPropertyOptional({
    description: "'dhcp' or an IPv4 address with prefix",
    default: 'dhcp',
    example: '192.168.1.50/24',
  })
  @IsOptional()
  @Matches(IP4_CONFIG, { message: IP4_MESSAGE })
  ip?: string;

  @ApiPropertyOptional({ description: 'IPv4 gateway (static ip only)', example: '192.168.1.1' })
  @IsOptional()
  @Matches(IPV4, { message: 'gateway must be an IPv4 address such as 192.168.1.1' })
  gateway?: string;

  @ApiPropertyOptional({
    description: "'dhcp', 'auto' (SLAAC) or an IPv6 address with prefix",
    example: 'auto',
  })
  @IsOptional()
  @IsIp6Config()
  ip6?: string;

  @ApiPropertyOptional({ description: 'IPv6 gateway (static ip6 only)' })
  @IsOptional()
  @IsIpv6Gateway()
  gateway6?: string;

  @ApiPropertyOptional({ description: 'VLAN tag', minimum: 1, maximum: 4094 })
  @IsOptional()
  @IsInt({ message: 'vlan must be a whole number' })
  @Min(1, { message: 'vlan must be from 1 to 4094' })
  @Max(4094, { message: 'vlan must be from 1 to 4094' })
  vlan?: number;

  @ApiPropertyOptional({ description: 'Root password inside the container (min. 5 characters)' })
  @IsOptional()
  @IsString()
  @MinLength(5, { message: 'password must be at least 5 characters' })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password?: string;

  @ApiPropertyOptional({ description: 'OpenSSH public keys, one per line' })
  @IsOptional()
  @IsString()
  @MaxLength(65_536)
  @ValidateBy({
    name: 'isSshKeyList',
    validator: {
      validate: isSshKeyList,
      defaultMessage: () =>
        'sshKeys must be OpenSSH public keys, one per line (ssh-ed25519 AAAA...)',
    },
  })
  sshKeys?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'unprivileged must be true or false' })
  unprivileged?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Allow nested containers (Docker in LXC). Unprivileged containers only: on a privileged one Proxmox lets only root@pam set it (400)',
  })
  @IsOptional()
  @IsBoolean({ message: 'nesting must be true or false' })
  nesting?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Always refused when true (400): Proxmox lets only the user root@pam set keyctl, and an API token never is root@pam. The 400 names the `pct set` command to run on the node instead',
  })
  @IsOptional()
  @IsBoolean({ message: 'keyctl must be true or false' })
  keyctl?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['web', 'prod'] })
  @IsOptional()
  @IsArray({ message: 'tags must be a list of strings' })
  @ArrayMaxSize(32)
  @Matches(TAG, { each: true, message: "each tag may hold letters, digits, '_', '-', '+' and '.'" })
  tags?: string[];

  @ApiPropertyOptional({ default: false, description: 'Start on node boot' })
  @IsOptional()
  @IsBoolean({ message: 'onboot must be true or false' })
  onboot?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Start once created' })
  @IsOptional()
  @IsBoolean({ message: 'start must be true or false' })
  start?: boolean;

  @ApiPropertyOptional({ example: 'Web server for the intranet' })
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  description?: string;
}

export class CreateContainerResultDto {
  @ApiProperty({ example: 120 })
  vmid: number;

  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiProperty({ example: 'brave-otter' })
  hostname: string;

  @ApiProperty({
    example: 'UPID:pve1:000A1B2C:0012D687:6745A1B2:vzcreate:120:proxicloud@pve!console:',
  })
  upid: string;
}
