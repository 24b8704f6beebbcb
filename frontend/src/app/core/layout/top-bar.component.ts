import { ChangeDetectionStrategy, Component, Injector, inject, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { ActivityExport } from '../activity/activity-export';
import { FiringAlertsBadgeComponent } from '../alerts/firing-alerts-badge.component';
import { AuthStore } from '../auth/auth.store';
import { NodePickerComponent } from '../cluster/node-picker.component';
import { ConnectionStore } from '../connection/connection.store';
import { GlobalSearchComponent } from './global-search.component';

@Component({
  selector: 'pc-top-bar',
  imports: [
    MatToolbarModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatTooltipModule,
    RouterLink,
    GlobalSearchComponent,
    NodePickerComponent,
    FiringAlertsBadgeComponent,
  ],
  templateUrl: './top-bar.component.html',
  styleUrl: './top-bar.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TopBarComponent {
  protected readonly connection = inject(ConnectionStore);
  protected readonly activity = inject(ActivityExport);
  protected readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly router = inject(Router);
  readonly menuToggled = output<void>();

  protected async changePassword(): Promise<void> {
    const { changeOwnPassword } = await import('../auth/change-own-password');
    await changeOwnPassword(this.injector);
  }

  protected async signOut(): Promise<void> {
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }
}
