import { ChangeDetectionStrategy, Component, input, type Signal } from '@angular/core';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';

/** What the alert pages' stores share: a list loaded from the API, and actions on it. */
export interface AlertsListStore {
  readonly actionError: Signal<string | null>;
  readonly error: Signal<string | null>;
  readonly loading: Signal<boolean>;
  refresh(): Promise<boolean>;
}

/**
 * What an alert page says above its list: the last action's error, a failed load with Retry, or
 * that it is loading. The page shows its list once its store is no longer loading.
 */
@Component({
  selector: 'pc-alerts-load-state',
  imports: [ErrorStateComponent, LoadingStateComponent],
  template: `
    @if (store().actionError(); as message) {
      <p class="action-error" role="alert">{{ message }}</p>
    }
    @if (store().error(); as message) {
      <pc-error-state
        [title]="'Could not load ' + what()"
        [message]="message"
        (retry)="store().refresh()"
      />
    }
    @if (store().loading()) {
      <pc-loading-state [label]="'Loading ' + what() + '…'" />
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .action-error {
      margin: 0 0 8px;
      padding: 8px 12px;
      border-radius: var(--pc-radius);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsLoadStateComponent {
  readonly store = input.required<AlertsListStore>();
  /** what the page lists, lower case: 'alerts', 'rules', 'channels' */
  readonly what = input.required<string>();
}
