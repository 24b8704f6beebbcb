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

/** No request body may hold null: unset fields are left out (an empty text clears on the server). */
export function withoutNulls<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)) as T;
}

/** One line per pending change: what is now, what comes at the next restart. */
export function describePending(items: readonly ContainerPendingChangeDto[]): string[] {
  return items.map((p) => {
    if (p.delete) return `${p.key}: removed at the next restart (now ${p.value ?? 'unset'})`;
    const now = p.value === undefined ? 'unset' : p.value;
    return `${p.key}: ${p.pending} at the next restart (now ${now})`;
  });
}
