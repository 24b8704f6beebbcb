import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { toBoolean } from '../../common/params.js';

/** PVE's pve-snapshot-name: pve-configid (`[a-z][a-z0-9_-]+`, any case), at most 40 characters. */
export const SNAPSHOT_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{1,39}$/;
export const SNAPSHOT_NAME_MESSAGE =
  "snapshot name must start with a letter and hold 2 to 40 letters, digits, '-' or '_'";
/** Names PVE refuses (API2/LXC/Snapshot.pm): `current` is the live state, `vzdump` is backup's. */
export const RESERVED_SNAPSHOT_NAMES = ['current', 'vzdump'];

export class SnapshotDto {
  @ApiProperty({ example: 'before-upgrade' })
  name: string;

  @ApiProperty({ example: 'before apt full-upgrade' })
  description: string;

  @ApiProperty({ description: 'When it was taken, epoch seconds', example: 1767700000 })
  snaptime: number;

  @ApiPropertyOptional({ description: 'The snapshot this one was taken after', example: 'base' })
  parent?: string;

  @ApiProperty({
    description: "The container's current state was taken from, or rolled back to, this snapshot",
  })
  parentOfCurrent: boolean;

  @ApiPropertyOptional({
    description: 'Set while a task works on it (prepare, delete); it cannot be rolled back to then',
    example: 'prepare',
  })
  snapstate?: string;
}

export class CreateSnapshotDto {
  @ApiProperty({ example: 'before-upgrade', description: SNAPSHOT_NAME_MESSAGE })
  @IsString()
  @Matches(SNAPSHOT_NAME, { message: SNAPSHOT_NAME_MESSAGE })
  name: string;

  @ApiPropertyOptional({ example: 'before apt full-upgrade' })
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  description?: string;
}

export class RollbackSnapshotDto {
  @ApiPropertyOptional({ default: false, description: 'Start the container after rolling back' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'start must be true or false' })
  start?: boolean;
}
