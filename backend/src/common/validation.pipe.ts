import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

function collect(errors: ValidationError[], prefix: string, out: Record<string, string>): void {
  for (const error of errors) {
    const name = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[name] = Object.values(error.constraints).join('; ');
    if (error.children?.length) collect(error.children, name, out);
  }
}

/** Flattens class-validator errors into one readable message plus a per-field map. */
export function validationErrorsToException(errors: ValidationError[]): BadRequestException {
  const fields: Record<string, string> = {};
  collect(errors, '', fields);
  const message = Object.values(fields).join('; ') || 'Invalid request';
  return new BadRequestException({ message, fields });
}

/** Validates and converts every DTO; unknown properties are refused, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: validationErrorsToException,
  });
}
