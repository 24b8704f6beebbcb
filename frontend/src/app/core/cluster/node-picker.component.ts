import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { StatusChipComponent } from '../../shared/status-chip/status-chip.component';
import { ConnectionStore } from '../connection/connection.store';
import { ClusterStore } from './cluster.store';

/** Top-bar picker: the whole cluster or one node; offline nodes stay listed, marked offline. */
@Component({
  selector: 'pc-node-picker',
  imports: [MatSelectModule, MatIconModule, MatTooltipModule, StatusChipComponent],
  template: `
    <mat-select
      class="picker"
      panelWidth="240px"
      aria-label="Cluster or node"
      [value]="store.selectedNode()"
      (valueChange)="store.selectNode($event)"
    >
      <mat-select-trigger>
        <mat-icon aria-hidden="true">{{ store.selectedNode() ? 'dns' : 'hub' }}</mat-icon>
        <span>{{ store.selectedNode() || 'All nodes' }}</span>
        @if (store.offlineNodes().length) {
          <mat-icon
            class="warn"
            [matTooltip]="'Offline: ' + store.offlineNodes().join(', ')"
            aria-label="Some nodes are offline"
            >warning</mat-icon
          >
        }
      </mat-select-trigger>
      <mat-option value="">All nodes ({{ store.nodes().length }})</mat-option>
      @for (node of store.nodes(); track node.node) {
        <mat-option [value]="node.node">
          <span class="option">
            {{ node.node }}
            <pc-status-chip [status]="connection.nodeStatus(node)" />
          </span>
        </mat-option>
      }
    </mat-select>
  `,
  styles: `
    :host {
      display: block;
      width: 150px;
      min-width: 0;
    }
    .picker {
      font: var(--mat-sys-label-large);
    }
    mat-select-trigger {
      display: flex;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
      vertical-align: middle;
      margin-right: 4px;
    }
    .warn {
      color: var(--pc-status-warning);
    }
    .option {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NodePickerComponent {
  protected readonly store = inject(ClusterStore);
  protected readonly connection = inject(ConnectionStore);

  constructor() {
    this.store.connect();
  }
}
