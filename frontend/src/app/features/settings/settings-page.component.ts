import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AuthStore } from '../../core/auth/auth.store';
import { ConnectionPanelComponent } from './connection-panel.component';
import { PermissionsPanelComponent } from './permissions-panel.component';

@Component({
  selector: 'pc-settings-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    RouterLink,
    ConnectionPanelComponent,
    PermissionsPanelComponent,
  ],
  template: `
    <div class="pc-page">
      <header class="pc-page-header">
        <h1>Proxmox access</h1>
      </header>
      <p class="pc-muted">
        The console acts on Proxmox with one API token. Features the token may not use are disabled
        in the UI, with the missing privilege named next to them.
      </p>
      <pc-connection-panel />
      <pc-permissions-panel />
      @if (auth.isAdmin()) {
        <nav class="links" aria-label="Access administration">
          <a mat-stroked-button routerLink="/users"><mat-icon>group</mat-icon>Users</a>
          <a mat-stroked-button routerLink="/tokens"><mat-icon>key</mat-icon>API tokens</a>
        </nav>
      }
    </div>
  `,
  styles: `
    .links {
      display: flex;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class SettingsPageComponent {
  protected readonly auth = inject(AuthStore);
}
