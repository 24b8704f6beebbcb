import { ApiProperty } from '@nestjs/swagger';
import { FreshnessDto } from '../../common/freshness.dto.js';
import { PLAN_ACTIONS } from '../plan-actions.js';

export class DeniedActionDto {
  @ApiProperty({ enum: PLAN_ACTIONS, example: 'stop' })
  action: string;

  @ApiProperty({
    description: 'The missing privilege and its path, or the console role needed',
    example: 'The Proxmox token lacks VM.PowerMgmt on /vms/103',
  })
  reason: string;
}

export class ContainerActionPermissionsDto {
  @ApiProperty({ example: 103 })
  vmid: number;

  @ApiProperty({
    type: [DeniedActionDto],
    description: 'The actions the token or your role may not take on this container (empty: all)',
  })
  denied: DeniedActionDto[];
}

export class ActionPermissionsListDto extends FreshnessDto {
  @ApiProperty({ type: [ContainerActionPermissionsDto] })
  items: ContainerActionPermissionsDto[];
}
