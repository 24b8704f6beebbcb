import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable } from 'rxjs';
import { passwordProblem } from './password-rules';

export interface PasswordDialogData {
  readonly title: string;
  readonly message: string;
  /** Your own password change asks for the current one; an admin's reset does not. */
  readonly askCurrent: boolean;
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
        <button mat-flat-button type="submit">Save password</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      display: block;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordDialogComponent {
  protected readonly data = inject<PasswordDialogData>(MAT_DIALOG_DATA);
  private readonly ref =
    inject<MatDialogRef<PasswordDialogComponent, PasswordChange>>(MatDialogRef);
  protected readonly problem = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: [''],
    newPassword: [''],
    repeat: [''],
  });

  protected submit(): void {
    const { currentPassword, newPassword, repeat } = this.form.getRawValue();
    const problem =
      this.data.askCurrent && !currentPassword
        ? 'Enter your current password.'
        : newPasswordProblem(newPassword, repeat);
    this.problem.set(problem);
    if (!problem) this.ref.close({ currentPassword, newPassword });
  }
}

/** Emits the entered passwords, or undefined when cancelled. */
export function openPasswordDialog(
  dialog: MatDialog,
  data: PasswordDialogData,
): Observable<PasswordChange | undefined> {
  return dialog
    .open<PasswordDialogComponent, PasswordDialogData, PasswordChange>(PasswordDialogComponent, {
      data,
      width: '420px',
      maxWidth: '95vw',
    })
    .afterClosed();
}
