import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { connectToInput } from '../../../shared/charts/connect-to-input';
import { RouterLink } from '@angular/router';
import { SparklineComponent } from '../../../shared/charts/sparkline.component';
import { ContainerTrendsStore } from './container-trends.store';

/** The container's last hour at a glance, refreshed about once a minute. */
@Component({
  selector: 'pc-container-sparklines',
  imports: [SparklineComponent, RouterLink],
  providers: [ContainerTrendsStore],
  template: `
    <h2>Last hour <a class="more" routerLink="/analytics">Analytics</a></h2>
    <div class="lines">
      <pc-sparkline
        label="CPU"
        [values]="store.cpu()?.values ?? []"
        [max]="1"
        [current]="store.cpu()?.text ?? '—'"
      />
      <pc-sparkline
        label="Memory"
        [values]="store.memory()?.values ?? []"
        [max]="store.memory()?.max ?? null"
        [current]="store.memory()?.text ?? '—'"
      />
      <pc-sparkline
        label="Network in"
        [values]="store.netin()?.values ?? []"
        [current]="store.netin()?.text ?? '—'"
      />
      <pc-sparkline
        label="Network out"
        [values]="store.netout()?.values ?? []"
        [current]="store.netout()?.text ?? '—'"
      />
    </div>
    @if (store.error() && !store.cpu()) {
      <p class="pc-muted">History unavailable: {{ store.error() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .lines {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
      gap: 12px 24px;
    }
    .more {
      float: right;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-primary);
    }
    p {
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerSparklinesComponent {
  protected readonly store = inject(ContainerTrendsStore);
  readonly vmid = input.required<number>();

  constructor() {
    connectToInput(this.vmid, (value) => this.store.connect(value));
  }
}
