import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatSidenavModule } from '@angular/material/sidenav';
import { ActivatedRouteSnapshot, NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
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
  private readonly router = inject(Router);
  private readonly doc = inject(DOCUMENT);

  /**
   * "#main" resolves against <base href> ("/#main"), which would leave the page for the
   * dashboard: move the focus to the page content instead of following the link.
   */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.doc.getElementById('main')?.focus();
  }
  /** Pages marked `data: { chromeless: true }` (the pop-out console) fill the window alone. */
  protected readonly chromeless = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => isChromeless(this.router.routerState.snapshot.root)),
    ),
    { initialValue: false },
  );
}

function isChromeless(route: ActivatedRouteSnapshot | null): boolean {
  for (let r = route; r; r = r.firstChild) if (r.data['chromeless'] === true) return true;
  return false;
}
