import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable, map } from 'rxjs';

export interface ConfirmNameData {
  /** e.g. "Delete container" */
  readonly title: string;
  /** What the user must type, usually the container's hostname. */
  readonly name: string;
  /** Label of the confirm button, e.g. "Delete". */
  readonly action: string;
  readonly message: string;
}

/** The typed text must equal the name exactly, apart from surrounding spaces. */
export function namesMatch(typed: string, expected: string): boolean {
  return expected.length > 0 && typed.trim() === expected;
}

@Component({
  selector: 'pc-confirm-name-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
      <p>
        Type <strong class="pc-mono">{{ data.name }}</strong> to confirm.
      </p>
      <mat-form-field appearance="outline" class="field">
        <mat-label>Name</mat-label>
        <input
          matInput
          autocomplete="off"
          [value]="typed()"
          (input)="typed.set($any($event.target).value)"
          (keydown.enter)="confirm()"
        />
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        class="danger"
        [disabled]="!matches()"
        (click)="confirm()"
      >
        {{ data.action }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .field {
      width: 100%;
    }
    .danger:not([disabled]) {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmNameDialogComponent {
  protected readonly data = inject<ConfirmNameData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ConfirmNameDialogComponent, boolean>>(MatDialogRef);

  protected readonly typed = signal('');
  protected readonly matches = computed(() => namesMatch(this.typed(), this.data.name));

  protected confirm(): void {
    if (this.matches()) this.ref.close(true);
  }
}

/** Opens the dialog; emits true only when the user typed the name and confirmed. */
export function confirmByName(dialog: MatDialog, data: ConfirmNameData): Observable<boolean> {
  return dialog
    .open<ConfirmNameDialogComponent, ConfirmNameData, boolean>(ConfirmNameDialogComponent, {
      data,
      width: '440px',
      maxWidth: '95vw',
    })
    .afterClosed()
    .pipe(map((result) => result === true));
}
