import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { connectToInput } from '../../shared/charts/connect-to-input';
import { SparklineComponent } from '../../shared/charts/sparkline.component';
import { NodeTrendsStore } from './node-trends.store';

/** A node's CPU and memory over the last hour, refreshed about once a minute. */
@Component({
  selector: 'pc-node-sparklines',
  imports: [SparklineComponent],
  providers: [NodeTrendsStore],
  template: `
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
    @if (store.error() && !store.cpu()) {
      <span class="pc-muted unavailable">History unavailable: {{ store.error() }}</span>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 4px 16px;
      width: 100%;
    }
    .unavailable {
      grid-column: 1 / -1;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NodeSparklinesComponent {
  protected readonly store = inject(NodeTrendsStore);
  readonly node = input.required<string>();

  constructor() {
    connectToInput(this.node, (value) => this.store.connect(value));
  }
}
