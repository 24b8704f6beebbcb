import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

/** Options of a clean shutdown, as PVE's vm_shutdown takes them. */
export class ShutdownContainerDto {
  @ApiPropertyOptional({
    default: 60,
    minimum: 0,
    maximum: 86_400,
    description: 'Seconds to wait for the container to stop (PVE default 60)',
  })
  @IsOptional()
  @IsInt({ message: 'timeout must be a whole number of seconds' })
  @Min(0, { message: 'timeout must be 0 or more seconds' })
  @Max(86_400, { message: 'timeout must be at most 86400 seconds (a day)' })
  timeout?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Kill the container when it has not stopped after the timeout',
  })
  @IsOptional()
  @IsBoolean({ message: 'forceStop must be true or false' })
  forceStop?: boolean;
}
