import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ConnectionStore } from '../../core/connection/connection.store';

/** Which Proxmox node URL the console talks to, out of the configured ones (failover). */
@Component({
  selector: 'pc-connection-panel',
  template: `
    @if (connection.endpoint(); as ep) {
      <section class="pc-panel" aria-labelledby="conn-title">
        <h2 id="conn-title">Proxmox connection</h2>
        <p class="now">
          Talking to <code class="pc-mono">{{ ep.url }}</code>
          @if (ep.failedOver) {
            <span class="failover"
              >{{ ' ' }}instead of the preferred <code class="pc-mono">{{ ep.urls[0] }}</code
              >, which does not answer; the console goes back to it once it does.</span
            >
          } @else if (ep.urls.length > 1) {
            <span class="pc-muted">{{ ' ' }}(the preferred node)</span>
          }
        </p>
        @if (ep.urls.length > 1) {
          <p class="pc-muted">
            Nodes in order of preference:
            @for (url of ep.urls; track url; let last = $last) {
              <code class="pc-mono">{{ url }}</code
              >{{ last ? '.' : ', ' }}
            }
          </p>
        }
      </section>
    }
  `,
  styles: `
    .failover {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionPanelComponent {
  protected readonly connection = inject(ConnectionStore);

  constructor() {
    this.connection.connect();
  }
}
