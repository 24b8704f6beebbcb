import { ApiProperty } from '@nestjs/swagger';
import { FreshnessDto } from '../../common/freshness.dto.js';

/** datacenter.cfg `tag-style`: how Proxmox stores a guest's tags. */
export class TagStyleDto extends FreshnessDto {
  @ApiProperty({
    description:
      'false (PVE default): tags are stored lower-cased and are unique regardless of case',
    example: false,
  })
  caseSensitive: boolean;

  @ApiProperty({
    enum: ['alphabetical', 'config'],
    description: 'alphabetical (PVE default): stored sorted; config: in the order given',
    example: 'alphabetical',
  })
  ordering: 'alphabetical' | 'config';
}
