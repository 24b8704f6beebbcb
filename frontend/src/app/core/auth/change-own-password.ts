import { Injector } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { describeApiError } from '../http/api-error';
import { AuthStore } from './auth.store';
import { openPasswordDialog } from './password-dialog.component';

/**
 * Asks for the current and a new password and changes it; a wrong current password is said in
 * the dialog, which stays open, and success is confirmed there. Loaded on demand from the user
 * menu, so the dialog and forms code stays out of the initial bundle. Resolves to true once saved.
 */
export async function changeOwnPassword(injector: Injector): Promise<boolean> {
  const auth = injector.get(AuthStore);
  const saved = await firstValueFrom(
    openPasswordDialog(injector.get(MatDialog), {
      title: 'Change your password',
      message: 'Your other sessions end; this one stays signed in.',
      askCurrent: true,
      savedMessage: 'Your password was changed. Your other sessions have ended.',
      save: async (change) => {
        try {
          await auth.changePassword(change);
          return null;
        } catch (err) {
          return describeApiError(err);
        }
      },
    }),
  );
  return saved === true;
}
