import { BadRequestException, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Path parameter {id} that must be one of the console's UUIDs; `what` says where a valid one
 * comes from, e.g. "a plan id as POST /api/plans answered it".
 */
export class UuidIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new BadRequestException({
        message: `id must be ${this.what}, got '${value}'`,
        fields: { id: 'invalid' },
      });
    }
    return value;
  }
}
