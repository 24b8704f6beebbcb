import { BadRequestException, type PipeTransform } from '@nestjs/common';

/**
 * Path parameter {id} of users and API tokens: a positive whole number. The global validation
 * pipe may already have turned the text into a number, so both arrive here.
 */
export class IdPipe implements PipeTransform<string | number, number> {
  transform(value: string | number): number {
    const text = String(value);
    const n = Number(text);
    if (!/^\d{1,9}$/.test(text) || n < 1) {
      throw new BadRequestException({
        message: `id must be a positive whole number, got '${text.slice(0, 40)}'`,
        fields: { id: 'invalid' },
      });
    }
    return n;
  }
}
