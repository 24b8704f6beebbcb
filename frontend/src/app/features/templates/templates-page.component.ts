import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  untracked,
} from '@angular/core';
import { TemplateDto } from '../../api/models';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ClusterStore } from '../../core/cluster/cluster.store';
import { ActionAccess } from '../../core/auth/action-access';
import { ConnectionStore } from '../../core/connection/connection.store';
import { BytesPipe } from '../../shared/format/format.pipes';
import { StaleBadgeComponent } from '../../shared/stale-badge/stale-badge.component';
import { EmptyStateComponent } from '../../shared/states/empty-state.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';
import { TemplateCardComponent } from './template-card.component';
import { TemplatesStore } from './templates.store';

@Component({
  selector: 'pc-templates-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    MatSlideToggleModule,
    BytesPipe,
    StaleBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
    TemplateCardComponent,
  ],
  providers: [TemplatesStore],
  templateUrl: './templates-page.component.html',
  styleUrl: './templates-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class TemplatesPageComponent {
  protected readonly store = inject(TemplatesStore);
  private readonly cluster = inject(ClusterStore);
  protected readonly connection = inject(ConnectionStore);
  protected readonly access = inject(ActionAccess);

  protected readonly targetLabel = computed(() =>
    this.store.targetStorage() ? `${this.store.targetNode()}/${this.store.targetStorage()}` : '',
  );

  protected onTarget(template: TemplateDto): boolean {
    return template.available.some(
      (c) => c.node === this.store.targetNode() && c.storage === this.store.targetStorage(),
    );
  }

  constructor() {
    this.cluster.connect();
    void this.store.refresh();
    // Default the download target to the node picked in the top bar, else the first online node.
    effect(() => {
      const preferred = this.cluster.selectedNode() || this.store.onlineNodes()[0]?.node || '';
      untracked(() => {
        if (preferred && !this.store.targetNode()) void this.store.chooseNode(preferred);
      });
    });
  }
}
