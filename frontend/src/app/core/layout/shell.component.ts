import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatSidenavModule } from '@angular/material/sidenav';
import { RouterOutlet } from '@angular/router';
import { AuthStore } from '../auth/auth.store';
import { ConnectionBannerComponent } from '../connection/connection-banner.component';
import { BreadcrumbsComponent } from '../navigation/breadcrumbs.component';
import { LayoutStore } from './layout.store';
import { SideNavComponent } from './side-nav.component';
import { TopBarComponent } from './top-bar.component';

@Component({
  selector: 'pc-shell',
  imports: [
    MatSidenavModule,
    RouterOutlet,
    TopBarComponent,
    SideNavComponent,
    BreadcrumbsComponent,
    ConnectionBannerComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  protected readonly layout = inject(LayoutStore);
  /** Without a session only the login and setup pages show: no chrome, nothing polling. */
  protected readonly auth = inject(AuthStore);
}
