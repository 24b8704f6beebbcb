import { Pipe, PipeTransform } from '@angular/core';
import { formatBytes, formatDuration, formatPercent } from './format';

@Pipe({ name: 'pcBytes' })
export class BytesPipe implements PipeTransform {
  transform(value: number | null | undefined, digits = 1): string {
    return formatBytes(value, digits);
  }
}

@Pipe({ name: 'pcPercent' })
export class RatioPercentPipe implements PipeTransform {
  transform(ratio: number | null | undefined, digits = 0): string {
    return formatPercent(ratio, digits);
  }
}

@Pipe({ name: 'pcDuration' })
export class DurationPipe implements PipeTransform {
  transform(seconds: number | null | undefined): string {
    return formatDuration(seconds);
  }
}
