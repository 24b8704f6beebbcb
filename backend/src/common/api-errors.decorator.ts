import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiErrorDto } from './api-error.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `message` and `fields` say what to fix',
  403: 'The Proxmox token lacks a privilege; `privilege` and `path` name it',
  404: 'No such container, node or task',
  409: 'Conflicts with the current state (already running, locked, name taken)',
  502: 'Proxmox answered with an unexpected error',
  503: 'Proxmox is unreachable, refuses the token, or fails the TLS check; `reason` says which',
  504: 'Proxmox did not answer in time',
};

/** Documents the error answers a route can give, all shaped as ApiErrorDto. */
export function ApiErrors(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ApiErrorDto }),
    ),
  );
}
