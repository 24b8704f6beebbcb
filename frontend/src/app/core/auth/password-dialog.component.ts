import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable } from 'rxjs';
import { passwordProblem } from './password-rules';

export interface PasswordDialogData {
  readonly title: string;
  readonly message: string;
  /** Your own password change asks for the current one; an admin's reset does not. */
  readonly askCurrent: boolean;
  /**
   * Saves the passwords while the dialog stays open: resolves to an error text (shown in the
   * dialog, which stays open for another try) or null (the dialog confirms the change).
   */
  readonly save: (change: PasswordChange) => Promise<string | null>;
  /** Shown once saved, e.g. "Your password was changed." */
  readonly savedMessage: string;
}

export interface PasswordChange {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/** Checks a new password pair before it is sent; null when it may go. */
export function newPasswordProblem(next: string, repeat: string): string | null {
  return passwordProblem(next) ?? (next === repeat ? null : 'The two new passwords differ.');
}

@Component({
  selector: 'pc-password-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    @if (saved()) {
      <mat-dialog-content>
        <p class="saved" role="status">{{ data.savedMessage }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" [mat-dialog-close]="true">Done</button>
      </mat-dialog-actions>
    } @else {
      <form [formGroup]="form" (ngSubmit)="submit()">
        <mat-dialog-content>
          <p>{{ data.message }}</p>
          @if (data.askCurrent) {
            <mat-form-field appearance="outline">
              <mat-label>Current password</mat-label>
              <input
                matInput
                type="password"
                formControlName="currentPassword"
                autocomplete="current-password"
              />
            </mat-form-field>
          }
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input
              matInput
              type="password"
              formControlName="newPassword"
              autocomplete="new-password"
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Repeat new password</mat-label>
            <input matInput type="password" formControlName="repeat" autocomplete="new-password" />
          </mat-form-field>
          @if (problem(); as message) {
            <p class="problem" role="alert">{{ message }}</p>
          }
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button mat-flat-button type="submit" [disabled]="saving()">Save password</button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styles: `
    mat-form-field {
      display: block;
    }
    .problem {
      color: var(--mat-sys-error);
    }
    .saved {
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordDialogComponent {
  protected readonly data = inject<PasswordDialogData>(MAT_DIALOG_DATA);
  protected readonly problem = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: [''],
    newPassword: [''],
    repeat: [''],
  });

  /** Errors (the server's included) stay in the dialog; success is confirmed in it. */
  protected async submit(): Promise<void> {
    const { currentPassword, newPassword, repeat } = this.form.getRawValue();
    const problem =
      this.data.askCurrent && !currentPassword
        ? 'Enter your current password.'
        : newPasswordProblem(newPassword, repeat);
    this.problem.set(problem);
    if (problem || this.saving()) return;
    this.saving.set(true);
    try {
      const failed = await this.data.save({ currentPassword, newPassword });
      this.problem.set(failed);
      this.saved.set(failed === null);
    } finally {
      this.saving.set(false);
    }
  }
}

/** Emits true once a password was saved, or undefined when cancelled. */
export function openPasswordDialog(
  dialog: MatDialog,
  data: PasswordDialogData,
): Observable<true | undefined> {
  return dialog
    .open<PasswordDialogComponent, PasswordDialogData, true>(PasswordDialogComponent, {
      data,
      width: '420px',
      maxWidth: '95vw',
    })
    .afterClosed();
}
