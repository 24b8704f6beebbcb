import { HttpErrorResponse } from '@angular/common/http';

interface ApiErrorBody {
  readonly message?: unknown;
  readonly error?: unknown;
  readonly privilege?: unknown;
  readonly path?: unknown;
}

/**
 * The text to show a person for a failed API call. The backend answers `{statusCode, message,
 * error}` and its `message` already carries Proxmox's own words (e.g. "missing privilege
 * VM.PowerMgmt on /vms/101"), so it is shown verbatim; only transport failures get our wording.
 */
export function describeApiError(err: unknown): string {
  if (err instanceof HttpErrorResponse) {
    if (err.status === 0) return 'The console server cannot be reached. Check your connection.';
    const fromBody = messageFromBody(err.error);
    if (fromBody) return fromBody;
    return `Request failed (${err.status} ${err.statusText || 'error'})`;
  }
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}

function messageFromBody(body: unknown): string | null {
  if (typeof body === 'string') return parseJsonMessage(body) ?? (body.trim() || null);
  if (body && typeof body === 'object') {
    const { message, error, privilege, path } = body as ApiErrorBody;
    if (Array.isArray(message))
      return message.filter((m) => typeof m === 'string').join('; ') || null;
    if (typeof message === 'string' && message) {
      return typeof privilege === 'string' &&
        typeof path === 'string' &&
        !message.includes(privilege)
        ? `${message} (missing privilege ${privilege} on ${path})`
        : message;
    }
    if (typeof error === 'string' && error) return error;
  }
  return null;
}

function parseJsonMessage(text: string): string | null {
  try {
    return messageFromBody(JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** Per-field messages of a 400 answer (`fields: {hostname: '...'}`), empty when there are none. */
export function apiFieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof HttpErrorResponse)) return {};
  const body: unknown = err.error;
  if (!body || typeof body !== 'object') return {};
  const fields = (body as { fields?: unknown }).fields;
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** The machine-readable `reason` of an error answer (e.g. `totp-required`), if any. */
export function apiErrorReason(err: unknown): string | undefined {
  if (!(err instanceof HttpErrorResponse)) return undefined;
  const body: unknown = err.error;
  if (!body || typeof body !== 'object') return undefined;
  const reason = (body as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : undefined;
}
