import type { ApiErrorDto } from './api-error.dto.js';
import type { ProxmoxError } from '../proxmox/proxmox.errors.js';

/** Maps each Proxmox failure to the HTTP answer the console gives; the switch is exhaustive. */
export function proxmoxErrorToHttp(error: ProxmoxError): ApiErrorDto {
  const d = error.details;
  const base = { reason: error.code };
  switch (error.code) {
    case 'invalid':
      return {
        statusCode: 400,
        error: 'Bad Request',
        message: `Proxmox rejected the request: ${describeFields(d.fieldErrors) || error.message}`,
        fields: d.fieldErrors,
        ...base,
      };
    case 'permission':
      return {
        statusCode: 403,
        error: 'Forbidden',
        message: d.privilege
          ? `The Proxmox token lacks privilege ${d.privilege} on ${d.path ?? '/'}`
          : `Proxmox refused the request: ${error.message}`,
        privilege: d.privilege,
        path: d.path,
        ...base,
      };
    case 'not-found':
      return { statusCode: 404, error: 'Not Found', message: error.message, ...base };
    case 'locked':
      return {
        statusCode: 409,
        error: 'Conflict',
        message: `The container is locked (${d.lock ?? 'unknown'}); try again when the running task ends`,
        lock: d.lock,
        ...base,
      };
    case 'conflict':
      return { statusCode: 409, error: 'Conflict', message: error.message, ...base };
    case 'auth':
      return unavailable('Proxmox rejected the API token (authentication failure)', base);
    case 'tls':
      return unavailable(`Proxmox TLS check failed: ${error.message}`, base);
    case 'unreachable':
      return unavailable(`Proxmox is unreachable: ${error.message}`, base);
    case 'timeout':
      return { statusCode: 504, error: 'Gateway Timeout', message: error.message, ...base };
    case 'upstream':
      return {
        statusCode: 502,
        error: 'Bad Gateway',
        message: `Proxmox error: ${error.message}`,
        ...base,
      };
  }
}

function unavailable(message: string, base: { reason: string }): ApiErrorDto {
  return { statusCode: 503, error: 'Service Unavailable', message, ...base };
}

function describeFields(fields?: Record<string, string>): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${v.trim()}`)
    .join('; ');
}
