import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** Shows the server's error text as-is (it names missing privileges) with an optional retry. */
@Component({
  selector: 'pc-error-state',
  imports: [MatIconModule, MatButtonModule],
  template: `
    <mat-icon aria-hidden="true">error</mat-icon>
    <div class="text">
      <strong>{{ title() }}</strong>
      <span>{{ message() }}</span>
    </div>
    @if (retryable()) {
      <button mat-stroked-button type="button" (click)="retry.emit()">Retry</button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      padding: 12px 16px;
      border-radius: var(--pc-radius);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .text {
      display: flex;
      flex-direction: column;
      flex: 1 1 240px;
      min-width: 0;
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
    }
  `,
  host: { role: 'alert' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorStateComponent {
  readonly title = input('Could not load this page');
  readonly message = input.required<string>();
  readonly retryable = input(true);
  readonly retry = output<void>();
}
