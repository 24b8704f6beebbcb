import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable } from 'rxjs';
import { ShutdownContainerDto } from '../../api/models';

/** Proxmox's vm_shutdown defaults: wait 60 s, never kill. */
export const SHUTDOWN_DEFAULTS: Required<ShutdownContainerDto> = { timeout: 60, forceStop: false };

/** The timeout as typed, or null when it is not a whole number of seconds from 0 to a day. */
export function parseShutdownTimeout(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const seconds = Number(text);
  return seconds <= 86_400 ? seconds : null;
}

@Component({
  selector: 'pc-shutdown-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>Shut down {{ name }}?</h2>
    <mat-dialog-content>
      <p>The container's init is asked to stop its programs and power off.</p>
      <mat-form-field appearance="outline">
        <mat-label>Wait at most (seconds)</mat-label>
        <input
          matInput
          inputmode="numeric"
          [value]="timeout()"
          (input)="timeout.set($any($event.target).value)"
        />
        @if (parseShutdownTimeout(timeout()) === null) {
          <mat-error>Whole seconds, 0 to 86400</mat-error>
        }
      </mat-form-field>
      <mat-checkbox [checked]="forceStop()" (change)="forceStop.set($event.checked)">
        Stop it at once if it is still running after that
      </mat-checkbox>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="parseShutdownTimeout(timeout()) === null"
        (click)="confirm()"
      >
        Shut down
      </button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShutdownDialogComponent {
  protected readonly name = inject<string>(MAT_DIALOG_DATA);
  private readonly ref =
    inject<MatDialogRef<ShutdownDialogComponent, ShutdownContainerDto>>(MatDialogRef);
  protected readonly timeout = signal(String(SHUTDOWN_DEFAULTS.timeout));
  protected readonly forceStop = signal(SHUTDOWN_DEFAULTS.forceStop);
  protected readonly parseShutdownTimeout = parseShutdownTimeout;

  protected confirm(): void {
    const timeout = parseShutdownTimeout(this.timeout());
    if (timeout === null) return;
    this.ref.close({ timeout, forceStop: this.forceStop() });
  }
}

/** Emits the chosen options, or undefined when cancelled. */
export function askShutdownOptions(
  dialog: MatDialog,
  name: string,
): Observable<ShutdownContainerDto | undefined> {
  return dialog
    .open<ShutdownDialogComponent, string, ShutdownContainerDto>(ShutdownDialogComponent, {
      data: name,
      width: '420px',
    })
    .afterClosed();
}
