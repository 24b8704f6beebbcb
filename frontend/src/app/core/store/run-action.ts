import { WritableSignal } from '@angular/core';
import { describeApiError } from '../http/api-error';

/**
 * Runs one change a page's store makes (create, save, delete, ...): `busy` while it runs, the API's
 * refusal in `error` (cleared when the next one starts); resolves whether it succeeded.
 */
export async function runAction(
  busy: WritableSignal<boolean>,
  error: WritableSignal<string | null>,
  action: () => Promise<void>,
): Promise<boolean> {
  busy.set(true);
  error.set(null);
  try {
    await action();
    return true;
  } catch (err) {
    error.set(describeApiError(err));
    return false;
  } finally {
    busy.set(false);
  }
}
