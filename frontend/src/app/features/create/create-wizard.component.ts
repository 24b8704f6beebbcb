import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatStepperModule } from '@angular/material/stepper';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { TemplateDto } from '../../api/models';
import { ClusterStore } from '../../core/cluster/cluster.store';
import { ConnectionStore, clockTime } from '../../core/connection/connection.store';
import { LayoutStore } from '../../core/layout/layout.store';
import { TemplatesStore } from '../templates/templates.store';
import { applyTemplateDefaults, createWizardForm, wizardValue } from './create-form';
import { buildCreateRequest } from './create-request';
import { CreateStore } from './create.store';
import { CreateProgressComponent } from './create-progress.component';
import { AccessStepComponent } from './steps/access-step.component';
import { AdvancedStepComponent } from './steps/advanced-step.component';
import { NetworkStepComponent } from './steps/network-step.component';
import { ResourcesStepComponent } from './steps/resources-step.component';
import { ReviewStepComponent } from './steps/review-step.component';
import { TemplateStepComponent } from './steps/template-step.component';

export const NAME_CHECK_DEBOUNCE_MS = 300;

@Component({
  selector: 'pc-create-wizard',
  imports: [
    ReactiveFormsModule,
    MatStepperModule,
    MatButtonModule,
    MatIconModule,
    TemplateStepComponent,
    ResourcesStepComponent,
    NetworkStepComponent,
    AccessStepComponent,
    AdvancedStepComponent,
    ReviewStepComponent,
    CreateProgressComponent,
  ],
  providers: [CreateStore, TemplatesStore],
  templateUrl: './create-wizard.component.html',
  styleUrl: './create-wizard.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class CreateWizardComponent {
  protected readonly store = inject(CreateStore);
  protected readonly templates = inject(TemplatesStore);
  protected readonly layout = inject(LayoutStore);
  protected readonly connection = inject(ConnectionStore);
  private readonly cluster = inject(ClusterStore);
  protected readonly form = createWizardForm(inject(FormBuilder));

  private readonly formValue = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });
  /** The API request as it would be sent, for the review step. */
  protected readonly request = computed(() => {
    this.formValue();
    return buildCreateRequest(wizardValue(this.form));
  });
  protected readonly selectedVolid = computed(() => {
    this.formValue();
    return this.form.controls.template.controls.template.value;
  });
  protected readonly templateDone = computed(() => {
    this.formValue();
    return this.form.controls.template.valid && this.connection.writable();
  });
  /** Why the wizard cannot go on, in words that say what to wait for. */
  protected readonly pausedReason = computed(() => {
    const status = this.connection.status();
    if (status?.state === 'offline') {
      return `Proxmox is unreachable since ${clockTime(status.since)} — creating a container is paused. The wizard goes on as soon as Proxmox answers again.`;
    }
    return `Proxmox does not take changes right now${status?.message ? ` (${status.message})` : ''} — creating a container is paused.`;
  });
  protected readonly nameBlocked = computed(() => this.store.nameCheck().state === 'taken');
  /** Step 2 holds two groups; linear mode must not let an invalid or taken name slip past. */
  protected readonly identityAndResourcesDone = computed(() => {
    this.formValue();
    const { identity, resources } = this.form.controls;
    return identity.valid && resources.valid && !this.nameBlocked();
  });

  constructor() {
    this.cluster.connect();
    void this.templates.refresh();
    void this.suggestName();
    this.followNameChanges();
    // Pick a node as soon as the cluster's nodes are known, then keep the node-bound data in step.
    effect(() => {
      const fallback = this.store.defaultNode();
      untracked(() => {
        if (fallback && !this.form.controls.template.controls.node.value) this.chooseNode(fallback);
      });
    });
  }

  protected chooseNode(node: string): void {
    this.form.controls.template.patchValue({ node, template: '' });
    void this.store.chooseNode(node);
    void this.templates.chooseNode(node);
  }

  protected pickTemplate(template: TemplateDto, volid: string): void {
    this.form.controls.template.patchValue({ template: volid });
    applyTemplateDefaults(this.form, template.defaults);
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.nameBlocked()) {
      this.form.markAllAsTouched();
      return;
    }
    await this.store.submit(wizardValue(this.form));
  }

  protected async suggestName(): Promise<void> {
    const name = await this.store.suggestName();
    const control = this.form.controls.identity.controls.hostname;
    if (name && !control.value) control.setValue(name);
  }

  private followNameChanges(): void {
    this.form.controls.identity.controls.hostname.valueChanges
      .pipe(
        debounceTime(NAME_CHECK_DEBOUNCE_MS),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((name) => void this.store.checkName(name));
  }
}
