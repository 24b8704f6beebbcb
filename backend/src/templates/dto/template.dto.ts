import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { FreshnessDto } from '../../common/freshness.dto.js';
import { NODE_NAME, STORAGE_ID } from '../../containers/dto/patterns.js';

export class TemplateDefaultsDto {
  @ApiProperty({ example: 1 })
  cores: number;

  @ApiProperty({ description: 'MiB', example: 512 })
  memory: number;

  @ApiProperty({ description: 'MiB', example: 512 })
  swap: number;

  @ApiProperty({ description: 'GiB', example: 8 })
  disk: number;
}

export class TemplateCopyDto {
  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiProperty({ example: 'local' })
  storage: string;

  @ApiProperty({ example: 'local:vztmpl/debian-13-standard_13.6-1_amd64.tar.zst' })
  volid: string;

  @ApiProperty({ description: 'Bytes' })
  size: number;
}

export class TemplateDto {
  @ApiProperty({
    description: 'Catalogue id, or the file name for uncurated templates',
    example: 'debian-13',
  })
  id: string;

  @ApiProperty({ example: 'Debian 13 (trixie)' })
  name: string;

  @ApiProperty({ example: 'debian' })
  os: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ description: "Part of ProxiCloud's curated list" })
  curated: boolean;

  @ApiPropertyOptional({ description: 'Appliance index section', example: 'system' })
  section?: string;

  @ApiPropertyOptional({
    description:
      'File name offered by the appliance index (download with it); absent when not offered',
    example: 'debian-13-standard_13.6-1_amd64.tar.zst',
  })
  template?: string;

  @ApiPropertyOptional({ example: '13.6-1' })
  version?: string;

  @ApiProperty({ type: TemplateDefaultsDto })
  defaults: TemplateDefaultsDto;

  @ApiProperty({
    type: [TemplateCopyDto],
    description: 'Copies already downloaded, per node and storage',
  })
  available: TemplateCopyDto[];
}

export class TemplateListDto extends FreshnessDto {
  @ApiProperty({ type: [TemplateDto] })
  items: TemplateDto[];
}

export class DownloadTemplateDto {
  @ApiProperty({ example: 'pve1' })
  @Matches(NODE_NAME, { message: 'node must be a node name' })
  node: string;

  @ApiProperty({ example: 'local' })
  @Matches(STORAGE_ID, { message: 'storage must be a storage id such as local' })
  storage: string;

  @ApiProperty({
    description: 'File name from the appliance index',
    example: 'debian-13-standard_13.6-1_amd64.tar.zst',
  })
  @IsString()
  @MaxLength(255)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, { message: 'template must be a template file name' })
  template: string;
}
