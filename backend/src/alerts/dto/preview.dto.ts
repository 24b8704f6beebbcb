import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { AlertSubjectDto } from './alert.dto.js';
import { CreateAlertRuleDto } from './rule.dto.js';

/** The parts of a rule that decide when it fires (the editor's current form, saved or not). */
export class RulePreviewRequestDto extends PickType(CreateAlertRuleDto, [
  'kind',
  'scopeKind',
  'scopeValue',
  'threshold',
  'forS',
] as const) {}

export class RulePreviewFiringDto {
  @ApiProperty({ type: AlertSubjectDto })
  subject: AlertSubjectDto;

  @ApiProperty({ description: 'When the rule would have fired (ISO 8601)' })
  startsAt: string;

  @ApiPropertyOptional({ description: 'When it would have resolved; absent: still holding' })
  endsAt?: string;

  @ApiProperty({ description: 'Highest value seen meanwhile (percent)', example: 97.5 })
  peak: number;

  @ApiProperty({ example: 'CT 101 (web) cpu above 90% for 12 min, peak 97.5%' })
  message: string;
}

export class RulePreviewDto {
  @ApiProperty({ description: 'Start of the samples looked at (ISO 8601)' })
  from: string;

  @ApiProperty({ description: 'End of the samples looked at (ISO 8601)' })
  to: string;

  @ApiProperty({
    description: 'false when the rule kind cannot be judged from stored samples (see note)',
  })
  supported: boolean;

  @ApiPropertyOptional({ example: 'container-down depends on what explains a stop, not samples' })
  note?: string;

  @ApiProperty({ description: 'Firings found in all (the list holds the first 200)' })
  total: number;

  @ApiProperty({ type: [RulePreviewFiringDto], description: 'Oldest first' })
  firings: RulePreviewFiringDto[];
}
