import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink, RouterLinkActive } from '@angular/router';

/** Links between the three alert pages, in each page's header. */
@Component({
  selector: 'pc-alerts-nav',
  imports: [MatButtonModule, MatIconModule, RouterLink, RouterLinkActive],
  template: `
    <nav aria-label="Alert pages">
      <a
        mat-button
        routerLink="/alerts"
        routerLinkActive="active"
        [routerLinkActiveOptions]="{ exact: true }"
        ><mat-icon>notifications</mat-icon>Alerts</a
      >
      <a mat-button routerLink="/alerts/rules" routerLinkActive="active"
        ><mat-icon>rule</mat-icon>Rules</a
      >
      <a mat-button routerLink="/alerts/channels" routerLinkActive="active"
        ><mat-icon>send</mat-icon>Channels</a
      >
    </nav>
  `,
  styles: `
    nav {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsNavComponent {}
