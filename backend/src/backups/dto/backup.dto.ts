import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FreshnessDto } from '../../common/freshness.dto.js';
import { toBoolean, VMID_MAX, VMID_MIN } from '../../common/params.js';

/** `<storage>:backup/vzdump-<lxc|qemu>-<vmid>-<date>.<ext>`, as PVE names vzdump archives. */
export const BACKUP_VOLID =
  /^[a-z][a-z0-9\-_.]*[a-z0-9]:backup\/vzdump-(lxc|qemu|openvz)-\d+-\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2}\.[a-z.]+$/i;

export class BackupDto {
  @ApiProperty({ example: 'local:backup/vzdump-lxc-101-2026_12_06-18_00_00.tar.zst' })
  volid: string;

  @ApiProperty({ description: 'Guest the archive was made from', example: 101 })
  vmid: number;

  @ApiProperty({ example: 'local' })
  storage: string;

  @ApiProperty({ description: 'Node whose storage holds it', example: 'pve1' })
  node: string;

  @ApiProperty({ description: 'bytes' })
  size: number;

  @ApiProperty({ description: 'Creation time, epoch seconds' })
  ctime: number;

  @ApiProperty({ description: 'First line of the notes', example: 'web-1 before upgrade' })
  notes: string;

  @ApiProperty({ description: 'Protected backups cannot be deleted or pruned' })
  protected: boolean;

  @ApiProperty({ example: 'tar.zst' })
  format: string;
}

export class BackupListDto extends FreshnessDto {
  @ApiProperty({ type: [BackupDto] })
  items: BackupDto[];
}

export class ListBackupsQueryDto {
  @ApiPropertyOptional({ description: 'Only backups of this guest', example: 101 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'vmid must be a whole number' })
  @Min(VMID_MIN)
  @Max(VMID_MAX)
  vmid?: number;

  @ApiPropertyOptional({ description: 'Only backups on this storage', example: 'local' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i, { message: 'storage must be a storage id' })
  storage?: string;
}

export const BACKUP_MODES = ['snapshot', 'suspend', 'stop'] as const;
export const BACKUP_COMPRESSIONS = ['zstd', 'gzip', 'lzo', 'none'] as const;

export class CreateBackupDto {
  @ApiPropertyOptional({
    description: 'Storage for the archive (default: the first one of the node that allows backups)',
    example: 'local',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i, { message: 'storage must be a storage id' })
  storage?: string;

  @ApiProperty({
    enum: BACKUP_MODES,
    description:
      'snapshot: no downtime (needs snapshot-capable volumes, else Proxmox falls back to suspend); suspend: frozen briefly; stop: stopped for the backup and started again',
  })
  @IsIn(BACKUP_MODES, { message: `mode must be one of ${BACKUP_MODES.join(', ')}` })
  mode: (typeof BACKUP_MODES)[number];

  @ApiPropertyOptional({ enum: BACKUP_COMPRESSIONS, default: 'zstd' })
  @IsOptional()
  @IsIn(BACKUP_COMPRESSIONS, {
    message: `compress must be one of ${BACKUP_COMPRESSIONS.join(', ')}`,
  })
  compress?: (typeof BACKUP_COMPRESSIONS)[number];

  @ApiPropertyOptional({
    description:
      'Notes kept with the archive (one line; {{guestname}}, {{node}}, {{vmid}}, {{cluster}} are filled in)',
    example: 'before upgrade',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  notes?: string;

  @ApiPropertyOptional({ description: 'Protect the archive from deletion and pruning' })
  @IsOptional()
  @IsBoolean({ message: 'protected must be true or false' })
  protected?: boolean;
}

export class RestoreBackupDto {
  @ApiProperty({ example: 'local:backup/vzdump-lxc-101-2026_12_06-18_00_00.tar.zst' })
  @IsString()
  @Matches(BACKUP_VOLID, {
    message: 'volid must name a vzdump archive (<storage>:backup/vzdump-...)',
  })
  volid: string;

  @ApiPropertyOptional({
    description: 'Target container id (default: the next free one); an existing CT needs force',
  })
  @IsOptional()
  @IsInt({ message: 'vmid must be a whole number' })
  @Min(VMID_MIN)
  @Max(VMID_MAX)
  vmid?: number;

  @ApiPropertyOptional({ description: 'Node to restore on (default: the one holding the archive)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/, { message: 'node must be a node name' })
  node?: string;

  @ApiPropertyOptional({
    description:
      'Storage for the container disk (default: the first one of the node for containers)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i, { message: 'storage must be a storage id' })
  storage?: string;

  @ApiPropertyOptional({ description: 'Start the container once restored', default: false })
  @IsOptional()
  @IsBoolean()
  start?: boolean;

  @ApiPropertyOptional({
    description: 'Give the network interfaces new MAC addresses',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  unique?: boolean;

  @ApiPropertyOptional({
    description:
      'Overwrite the existing, stopped container `vmid` (its disks and config are replaced)',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class RestoreResultDto {
  @ApiProperty()
  upid: string;

  @ApiProperty({ example: 150 })
  vmid: number;

  @ApiProperty({ example: 'pve1' })
  node: string;
}

export class BackupJobDto {
  @ApiProperty({ example: 'backup-5b1f0c2e-7a41' })
  id: string;

  @ApiPropertyOptional({ description: 'systemd calendar event', example: 'sun 01:00' })
  schedule?: string;

  @ApiPropertyOptional({ example: 'local' })
  storage?: string;

  @ApiPropertyOptional({ example: 'snapshot' })
  mode?: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ description: 'Backs up every guest' })
  all: boolean;

  @ApiProperty({ type: [Number], description: 'Guests it backs up (when not all)' })
  vmids: number[];

  @ApiPropertyOptional()
  comment?: string;

  @ApiPropertyOptional({ description: 'Next run, ISO 8601 (Proxmox computes it)' })
  nextRun?: string;
}

export class BackupJobListDto extends FreshnessDto {
  @ApiProperty({ type: [BackupJobDto] })
  items: BackupJobDto[];
}

export class FreshnessQueryDto {
  @ApiPropertyOptional({
    description: 'A container is stale when its last backup is older than this many days',
    default: 7,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1)
  @Max(3650)
  days?: number;

  @ApiPropertyOptional({ description: 'Only containers without a backup in `days` days' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'staleOnly must be true or false' })
  staleOnly?: boolean;
}

export class BackupFreshnessDto {
  @ApiProperty({ example: 101 })
  vmid: number;

  @ApiProperty({ example: 'web-1' })
  name: string;

  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiProperty({ nullable: true, type: String, description: 'Last backup, ISO 8601; null: none' })
  lastBackupAt: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Age of the last backup in days' })
  ageDays: number | null;

  @ApiProperty({ description: 'No backup in `days` days' })
  stale: boolean;
}

export class BackupFreshnessListDto extends FreshnessDto {
  @ApiProperty({ example: 7 })
  days: number;

  @ApiProperty({ type: [BackupFreshnessDto] })
  items: BackupFreshnessDto[];
}
