import { Injector } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { describeApiError } from '../http/api-error';
import { AuthStore } from './auth.store';
import { openPasswordDialog } from './password-dialog.component';

/**
 * Asks for the current and a new password and changes it. Loaded on demand from the user menu,
 * so the dialog and forms code stays out of the initial bundle. Resolves to an error text or null.
 */
export async function changeOwnPassword(injector: Injector): Promise<string | null> {
  const change = await firstValueFrom(
    openPasswordDialog(injector.get(MatDialog), {
      title: 'Change your password',
      message: 'Your other sessions end; this one stays signed in.',
      askCurrent: true,
    }),
  );
  if (!change) return null;
  try {
    await injector.get(AuthStore).changePassword(change);
    return null;
  } catch (err) {
    return describeApiError(err);
  }
}
