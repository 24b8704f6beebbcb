import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { firstValueFrom } from 'rxjs';
import { AlertRuleDto } from '../../api/models';
import { AuthStore } from '../../core/auth/auth.store';
import { roleHint } from '../../core/auth/roles';
import { confirmByName } from '../../shared/confirm-name-dialog/confirm-name-dialog.component';
import { AlertsHeaderComponent } from './alerts-header.component';
import { AlertsLoadStateComponent } from './alerts-load-state.component';
import {
  RULE_KINDS,
  RuleKind,
  ScopeKind,
  Severity,
  conditionLine,
  needsThreshold,
  previewBody,
  ruleBody,
  scopeLine,
  thresholdLabel,
} from './rule-form';
import { RulesStore } from './rules.store';

@Component({
  selector: 'pc-rules-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    AlertsHeaderComponent,
    AlertsLoadStateComponent,
  ],
  providers: [RulesStore],
  templateUrl: './rules-page.component.html',
  styleUrl: './alerts-forms.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class RulesPageComponent {
  protected readonly store = inject(RulesStore);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);
  protected readonly adminHint = computed(() => roleHint(this.auth.role(), 'admin'));
  protected readonly kinds = RULE_KINDS;
  protected readonly scopeLine = scopeLine;
  protected readonly conditionLine = conditionLine;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    name: [''],
    kind: this.fb.control<RuleKind>('cpu'),
    severity: this.fb.control<Severity>('warning'),
    scopeKind: this.fb.control<ScopeKind>('all'),
    scopeValue: [''],
    threshold: ['90'],
    forMinutes: ['5'],
    channelIds: this.fb.control<number[]>([]),
  });
  private readonly value = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });
  protected readonly showThreshold = computed(() => needsThreshold(this.value().kind ?? 'cpu'));
  protected readonly thresholdLabel = computed(() => thresholdLabel(this.value().kind ?? 'cpu'));
  protected readonly showScopeValue = computed(() => (this.value().scopeKind ?? 'all') !== 'all');
  protected readonly nameProblem = signal(false);

  constructor() {
    void this.store.refresh();
    this.form.valueChanges.subscribe(() => this.store.clearPreview());
  }

  protected channelNames(rule: AlertRuleDto): string {
    if (!rule.channelIds.length) return 'every channel';
    const names = new Map((this.store.channels() ?? []).map((c) => [c.id, c.name]));
    return rule.channelIds.map((id) => names.get(id) ?? `#${id} (deleted)`).join(', ');
  }

  protected preview(): void {
    void this.store.runPreview(previewBody(this.form.getRawValue()));
  }

  protected async create(): Promise<void> {
    const value = this.form.getRawValue();
    this.nameProblem.set(!value.name.trim());
    if (this.nameProblem()) return;
    if (await this.store.create(ruleBody(value))) {
      this.form.reset();
      this.store.clearPreview();
    }
  }

  protected async remove(rule: AlertRuleDto): Promise<void> {
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Delete rule ${rule.name}?`,
        name: rule.name,
        action: 'Delete',
        message: 'Its alerts stay in the history; firing ones end.',
      }),
    );
    if (sure) await this.store.remove(rule);
  }
}
