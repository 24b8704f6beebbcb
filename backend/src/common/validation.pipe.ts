import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';

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

/** The path of the first null inside a JSON body (`a.b.0`), or undefined when there is none. */
export function firstNull(value: unknown, path = ''): string | undefined {
  if (value === null) return path;
  if (typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = firstNull(child, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * No request body takes null: optional fields are left out instead. Refused here, once for every
 * DTO, because `@IsOptional()` lets null through to the services (L-2 of the security review).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const path = firstNull(value);
      if (path !== undefined) {
        const message = `${path || 'body'} must not be null: leave the field out instead`;
        throw new BadRequestException({ message, fields: { [path || 'body']: message } });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Validates and converts every DTO; unknown properties are refused, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: validationErrorsToException,
  });
}
