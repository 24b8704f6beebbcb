import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TemplateDto } from '../../../api/models';
import { ConnectionStore } from '../../../core/connection/connection.store';
import { ErrorStateComponent } from '../../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../../shared/states/loading-state.component';
import { TemplateCardComponent } from '../../templates/template-card.component';
import { copyOn } from '../../templates/template-list';
import { TemplatesStore } from '../../templates/templates.store';
import { CreateStore } from '../create.store';

export interface TemplatePick {
  readonly template: TemplateDto;
  readonly volid: string;
}

@Component({
  selector: 'pc-template-step',
  imports: [
    MatFormFieldModule,
    MatSelectModule,
    MatSlideToggleModule,
    TemplateCardComponent,
    LoadingStateComponent,
    ErrorStateComponent,
  ],
  template: `
    <div class="bar">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Node</mat-label>
        <mat-select [value]="node()" (valueChange)="nodeChosen.emit($event)">
          @for (n of store.onlineNodes(); track n.node) {
            <mat-option [value]="n.node">{{ n.node }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-slide-toggle
        [checked]="templates.showAll()"
        (change)="templates.setShowAll($event.checked)"
      >
        All templates
      </mat-slide-toggle>
    </div>
    @if (templates.error(); as error) {
      <pc-error-state
        title="Could not load templates"
        [message]="error"
        (retry)="templates.refresh()"
      />
    }
    @if (templates.loading()) {
      <pc-loading-state label="Loading templates…" />
    } @else {
      @for (group of groups(); track group.title) {
        @if (group.items.length) {
          <h3>{{ group.title }}</h3>
          <div class="grid">
            @for (t of group.items; track t.id) {
              <pc-template-card
                [template]="t"
                [selectable]="true"
                [pickable]="!!volidOn(t)"
                [selected]="!!volidOn(t) && volidOn(t) === selectedVolid()"
                [download]="templates.downloadOf(t)"
                [canDownload]="!!templates.targetStorage() && connection.writable()"
                [presentOnTarget]="!!volidOn(t)"
                [target]="node() + '/' + templates.targetStorage()"
                (picked)="templatePicked.emit({ template: t, volid: volidOn(t)! })"
                (downloadRequested)="templates.download($event)"
              />
            }
          </div>
        }
      }
    }
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 24px;
      margin: 8px 0 16px;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 8px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 260px), 1fr));
      gap: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemplateStepComponent {
  protected readonly store = inject(CreateStore);
  protected readonly templates = inject(TemplatesStore);
  protected readonly connection = inject(ConnectionStore);

  readonly selectedVolid = input('');
  readonly nodeChosen = output<string>();
  readonly templatePicked = output<TemplatePick>();

  protected readonly node = computed(() => this.store.node());
  protected readonly groups = computed(() => [
    { title: 'Curated', items: this.templates.groups().curated },
    { title: 'All templates', items: this.templates.groups().others },
  ]);

  protected volidOn(template: TemplateDto): string | null {
    return copyOn(template, this.node(), this.store.allStorages())?.volid ?? null;
  }
}
