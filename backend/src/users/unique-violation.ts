import { QueryFailedError } from 'typeorm';

/** True when an insert failed on a UNIQUE index (SQLite and PostgreSQL wording). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string } | undefined;
  return (
    driver?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driver?.code === '23505' ||
    /UNIQUE constraint failed/.test(error.message)
  );
}
