import { ApiProperty } from '@nestjs/swagger';

/** How fresh a read answer is: every read endpoint says it, and X-Cache-Status / X-Data-Age repeat it. */
export class FreshnessDto {
  @ApiProperty({
    description: 'True when Proxmox could not be reached and this is the last known state',
    example: false,
  })
  stale: boolean;

  @ApiProperty({
    description: 'When Proxmox gave this data, ISO 8601',
    example: '2026-11-26T04:10:00.000Z',
  })
  fetchedAt: string;
}

export interface Freshness {
  stale: boolean;
  /** epoch ms */
  fetchedAt: number;
}

export function freshnessOf(f: Freshness): FreshnessDto {
  return { stale: f.stale, fetchedAt: new Date(f.fetchedAt).toISOString() };
}
