import { ApiProperty } from '@nestjs/swagger';
import { FreshnessDto } from '../../common/freshness.dto.js';

export class MissingPrivilegeDto {
  @ApiProperty({ example: 'VM.PowerMgmt' })
  privilege: string;

  @ApiProperty({ example: '/vms' })
  path: string;

  @ApiProperty({
    type: [String],
    example: ['/vms/101'],
    description: 'Narrower paths where it is granted: the feature works there only',
  })
  grantedOn: string[];
}

export class FeaturePermissionDto {
  @ApiProperty({
    example: 'power',
    description: 'inspect, power, create, delete, templates, storage or nodes',
  })
  feature: string;

  @ApiProperty({ example: 'Start, stop, shut down and reboot containers' })
  label: string;

  @ApiProperty()
  available: boolean;

  @ApiProperty({
    description: 'Not available everywhere, but on some containers, storages or nodes',
  })
  partial: boolean;

  @ApiProperty({ type: [MissingPrivilegeDto] })
  missing: MissingPrivilegeDto[];
}

export class PermissionReportDto extends FreshnessDto {
  @ApiProperty({
    example: 'proxicloud@pve!console',
    description: 'The Proxmox token the console uses',
  })
  tokenId: string;

  @ApiProperty({ description: 'When Proxmox gave these grants, ISO 8601 (same as fetchedAt)' })
  checkedAt: string;

  @ApiProperty({ type: [FeaturePermissionDto] })
  features: FeaturePermissionDto[];
}
