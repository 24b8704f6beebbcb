import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { PlanDto } from '../../../api/models';

/** The plan of a bulk action before it runs: who, what, allowed or why not, and warnings. */
@Component({
  selector: 'pc-plan-review',
  imports: [MatButtonModule],
  template: `
    <section class="pc-panel" aria-label="Review the plan">
      <h2>
        {{ plan().action }} {{ actionable() }} of {{ plan().targets.length }} containers? Nothing
        has been sent to Proxmox yet.
      </h2>
      <table class="plan">
        <thead>
          <tr>
            <th scope="col">Container</th>
            <th scope="col">Node</th>
            <th scope="col">Allowed</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          @for (t of plan().targets; track t.vmid) {
            <tr [attr.data-vmid]="t.vmid">
              <td>{{ t.name }} ({{ t.vmid }})</td>
              <td>{{ t.node }}</td>
              <td>{{ t.allowed ? 'yes' : 'no' }}</td>
              <td>
                @if (t.reason) {
                  <span class="denied">{{ t.reason }}</span>
                }
                @for (w of t.warnings; track w.code) {
                  <span class="warning">{{ w.message }}</span>
                }
                @if (t.status === 'pending') {
                  <span>{{ plan().action }}</span>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
      <footer>
        <button mat-flat-button type="button" [disabled]="!actionable()" (click)="executed.emit()">
          Execute plan
        </button>
        <button mat-button type="button" (click)="discarded.emit()">Cancel</button>
      </footer>
    </section>
  `,
  styles: `
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: left;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    td span {
      display: block;
    }
    .denied {
      color: var(--mat-sys-error);
    }
    .warning {
      color: var(--mat-sys-on-surface-variant);
    }
    footer {
      display: flex;
      gap: 8px;
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanReviewComponent {
  readonly plan = input.required<PlanDto>();
  readonly actionable = input(0);
  readonly executed = output<void>();
  readonly discarded = output<void>();
}
