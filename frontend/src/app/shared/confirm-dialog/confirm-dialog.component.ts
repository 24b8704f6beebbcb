import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { Observable, map } from 'rxjs';

export interface ConfirmData {
  readonly title: string;
  /** What will happen, in words the user acts on. */
  readonly message: string;
  /** Label of the confirm button, e.g. "Make admin". */
  readonly action: string;
}

/** A yes/no question before a change that needs no typed name (e.g. a role change). */
@Component({
  selector: 'pc-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">{{ data.action }}</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
}

/** Emits true when confirmed, false when cancelled or dismissed. */
export function confirmAction(dialog: MatDialog, data: ConfirmData): Observable<boolean> {
  return dialog
    .open<ConfirmDialogComponent, ConfirmData, boolean>(ConfirmDialogComponent, {
      data,
      width: '420px',
      maxWidth: '95vw',
    })
    .afterClosed()
    .pipe(map((answer) => answer === true));
}
