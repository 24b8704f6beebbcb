import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map, startWith } from 'rxjs';
import { BreadcrumbLabels } from './breadcrumb-labels';
import { buildBreadcrumbs } from './breadcrumbs';

@Component({
  selector: 'pc-breadcrumbs',
  imports: [RouterLink, MatIconModule],
  template: `
    <nav aria-label="Breadcrumb">
      <ol>
        @for (crumb of crumbs(); track crumb.url; let last = $last) {
          <li>
            @if (last) {
              <span aria-current="page">{{ crumb.label }}</span>
            } @else {
              <a [routerLink]="crumb.url">{{ crumb.label }}</a>
              <mat-icon aria-hidden="true">chevron_right</mat-icon>
            }
          </li>
        }
      </ol>
    </nav>
  `,
  styles: `
    ol {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      list-style: none;
      margin: 0;
      padding: 12px var(--pc-page-gutter) 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    li {
      display: flex;
      align-items: center;
    }
    a {
      color: var(--mat-sys-primary);
      text-decoration: none;
    }
    a:hover {
      text-decoration: underline;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BreadcrumbsComponent {
  private readonly router = inject(Router);
  private readonly labels = inject(BreadcrumbLabels);
  private readonly routeCrumbs = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      startWith(null),
      map(() => buildBreadcrumbs(this.router.routerState.snapshot.root)),
    ),
    { initialValue: [] },
  );
  protected readonly crumbs = computed(() =>
    this.routeCrumbs().map((crumb) => ({
      ...crumb,
      label: this.labels.all().get(crumb.url) ?? crumb.label,
    })),
  );
}
