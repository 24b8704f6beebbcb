import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { AlertsNavComponent } from './alerts-nav.component';

/** The header of each alert page: its heading, the links between the pages, and Refresh. */
@Component({
  selector: 'pc-alerts-header',
  imports: [MatButtonModule, MatIconModule, AlertsNavComponent],
  template: `
    <header class="pc-page-header">
      <h1>{{ heading() }}</h1>
      <pc-alerts-nav />
      <span class="pc-spacer"></span>
      <button mat-icon-button type="button" aria-label="Refresh" (click)="refresh.emit()">
        <mat-icon>refresh</mat-icon>
      </button>
    </header>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsHeaderComponent {
  readonly heading = input.required<string>();
  readonly refresh = output();
}
