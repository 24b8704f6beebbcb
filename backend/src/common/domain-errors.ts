/** Errors the console raises itself (not Proxmox's): each maps to one HTTP status in the filter. */
export type DomainErrorKind = 'bad-request' | 'not-found' | 'conflict' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badRequest = (message: string, field?: string): DomainError =>
  new DomainError('bad-request', message, field ? { [field]: message } : undefined);
export const notFound = (message: string): DomainError => new DomainError('not-found', message);
export const conflict = (message: string, field?: string): DomainError =>
  new DomainError('conflict', message, field ? { [field]: message } : undefined);
