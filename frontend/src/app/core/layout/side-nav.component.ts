import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map, startWith } from 'rxjs';
import { AuthStore } from '../auth/auth.store';
import { NAV_ITEMS, activeNavPath, visibleNavItems } from '../navigation/nav-items';

@Component({
  selector: 'pc-side-nav',
  imports: [MatListModule, MatIconModule, MatTooltipModule, RouterLink],
  template: `
    <mat-nav-list [class.rail]="rail()" aria-label="Main navigation">
      @for (item of items(); track item.path) {
        <a
          mat-list-item
          [routerLink]="item.path"
          [activated]="item.path === active()"
          [attr.aria-current]="item.path === active() ? 'page' : null"
          [matTooltip]="rail() ? item.label : ''"
          matTooltipPosition="right"
          (click)="navigated.emit()"
        >
          <mat-icon matListItemIcon>{{ item.icon }}</mat-icon>
          @if (!rail()) {
            <span matListItemTitle>{{ item.label }}</span>
          }
        </a>
      }
    </mat-nav-list>
  `,
  styles: `
    :host {
      display: block;
    }
    .rail .mat-mdc-list-item {
      padding-inline: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SideNavComponent {
  readonly rail = input(false);
  readonly navigated = output<void>();
  private readonly auth = inject(AuthStore);
  protected readonly items = computed(() => visibleNavItems(NAV_ITEMS, this.auth.role()));
  private readonly router = inject(Router);
  protected readonly active = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      startWith(null),
      map(() => activeNavPath(this.router.url)),
    ),
    { initialValue: null },
  );
}
