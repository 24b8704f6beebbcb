import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import type { ApiErrorDto } from './api-error.dto.js';
import { DomainError } from './domain-errors.js';
import { proxmoxErrorToHttp } from './proxmox-error.mapping.js';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  'bad-request': HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The one place where errors become HTTP answers; unknown errors are logged and answered generically. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ApiErrorDto {
    if (exception instanceof ProxmoxError) return proxmoxErrorToHttp(exception);
    if (exception instanceof DomainError) {
      return this.body(DOMAIN_STATUS[exception.kind], exception.message, {
        fields: exception.fields,
      });
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    this.logger.error(
      'Unexpected error',
      exception instanceof Error ? exception.stack : String(exception),
    );
    return this.body(500, 'Internal server error. The console log has the details.');
  }

  private fromHttpException(exception: HttpException): ApiErrorDto {
    const status = exception.getStatus();
    const res = exception.getResponse();
    if (typeof res === 'string') return this.body(status, res);
    const r = res as { message?: unknown; fields?: Record<string, string>; reason?: unknown };
    const message = Array.isArray(r.message)
      ? r.message.join('; ')
      : typeof r.message === 'string'
        ? r.message
        : exception.message;
    const reason = typeof r.reason === 'string' ? r.reason : undefined;
    return this.body(status, message, { fields: r.fields, reason });
  }

  private body(statusCode: number, message: string, extra: Partial<ApiErrorDto> = {}): ApiErrorDto {
    const clean = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
    return { statusCode, message, error: STATUS_TEXT[statusCode] ?? 'Error', ...clean };
  }
}
