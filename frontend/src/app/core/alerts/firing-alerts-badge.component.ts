import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { AlertListDto } from '../../api/models';
import { AlertsService } from '../../api/services';
import { startPolling } from '../store/poller';
import { RemoteResource } from '../store/remote-resource';

/** Alerts change once per collection cycle at most; this is often enough for a badge. */
export const FIRING_POLL_MS = 30_000;

/** "3 alerts firing", "No alert firing": the button's label for screen readers and the tooltip. */
export function firingLabel(count: number): string {
  if (count === 0) return 'No alert firing';
  return `${count} ${count === 1 ? 'alert' : 'alerts'} firing`;
}

/** The top bar's bell: the number of firing alerts, linking to the alerts page. */
@Component({
  selector: 'pc-firing-alerts-badge',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, RouterLink],
  template: `
    <a
      mat-icon-button
      routerLink="/alerts"
      [attr.aria-label]="label()"
      [matTooltip]="label()"
      [class.firing]="count() > 0"
    >
      <mat-icon>{{ count() > 0 ? 'notifications_active' : 'notifications' }}</mat-icon>
      @if (count() > 0) {
        <span class="count" aria-hidden="true">{{ count() > 99 ? '99+' : count() }}</span>
      }
    </a>
  `,
  styles: `
    a {
      position: relative;
    }
    .firing mat-icon {
      color: var(--mat-sys-error);
    }
    .count {
      position: absolute;
      top: 2px;
      right: 0;
      min-width: 18px;
      height: 18px;
      padding: 0 4px;
      box-sizing: border-box;
      border-radius: 9px;
      font: var(--mat-sys-label-small);
      line-height: 18px;
      text-align: center;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FiringAlertsBadgeComponent {
  private readonly api = inject(AlertsService);
  private readonly resource = new RemoteResource<AlertListDto>();
  readonly count = computed(() => this.resource.value()?.firing ?? 0);
  protected readonly label = computed(() => firingLabel(this.count()));

  constructor() {
    this.refresh();
    startPolling(() => this.refresh(), FIRING_POLL_MS, inject(DestroyRef));
  }

  private refresh(): void {
    void this.resource.load(() => this.api.listAlerts({ state: 'firing', limit: 1 }));
  }
}
