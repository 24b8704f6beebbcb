import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { StaleBadgeComponent } from '../../shared/stale-badge/stale-badge.component';
import { ConnectionStore } from './connection.store';

@Component({
  selector: 'pc-connection-banner',
  imports: [MatIconModule, StaleBadgeComponent],
  template: `
    @if (store.banner(); as banner) {
      <div class="banner" [class]="banner.tone" role="alert">
        <mat-icon aria-hidden="true">{{
          banner.tone === 'error' ? 'cloud_off' : 'warning'
        }}</mat-icon>
        <span class="text">{{ banner.text }}</span>
        @if (store.lastContact(); as at) {
          <span class="contact"
            >Proxmox last answered <pc-stale-badge [fetchedAt]="at" [staleAfterMs]="0"
          /></span>
        }
      </div>
    }
  `,
  styles: `
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      padding: 8px var(--pc-page-gutter);
      font: var(--mat-sys-body-medium);
    }
    .warning {
      background: var(--pc-status-warning-container);
      color: var(--pc-status-warning);
    }
    .error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .text {
      flex: 1 1 240px;
      overflow-wrap: anywhere;
    }
    .contact {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionBannerComponent {
  protected readonly store = inject(ConnectionStore);

  constructor() {
    this.store.connect();
  }
}
