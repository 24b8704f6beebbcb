import { ContainerPendingChangeDto } from '../../../api/models';

/** An empty number field is "not set"; the caller leaves it out of the request. */
export function numberOrNull(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** An empty text field is "not set". */
export function textOrNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

type NoNulls<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** No request body may hold null: unset fields are left out (an empty text clears on the server). */
export function withoutNulls<T extends object>(body: T): NoNulls<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)) as NoNulls<T>;
}

/**
 * Form values as a PATCH body: filled fields are sent, emptied (null) ones are named in `delete`
 * (PVE's delete), since the API refuses null anywhere in a body.
 */
export function withDeletes<T extends object>(body: T): NoNulls<T> & { delete?: string[] } {
  const cleared = Object.entries(body)
    .filter(([, v]) => v === null)
    .map(([k]) => k);
  return cleared.length ? { ...withoutNulls(body), delete: cleared } : withoutNulls(body);
}

/** One line per pending change: what is now, what comes at the next restart. */
export function describePending(items: readonly ContainerPendingChangeDto[]): string[] {
  return items.map((p) => {
    if (p.delete) return `${p.key}: removed at the next restart (now ${p.value ?? 'unset'})`;
    const now = p.value === undefined ? 'unset' : p.value;
    return `${p.key}: ${p.pending} at the next restart (now ${now})`;
  });
}
