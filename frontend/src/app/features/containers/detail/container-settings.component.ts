import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { ContainerDetailDto, UpdateContainerDto } from '../../../api/models';
import { ActionAccess } from '../../../core/auth/action-access';
import { ConnectionStore } from '../../../core/connection/connection.store';
import { ContainerDetailStore } from './container-detail.store';
import { ContainerNetworksComponent } from './container-networks.component';
import { describePending, numberOrNull, withDeletes } from './settings-values';
import { tabBlocker } from './tab-blocker';

/** Resources, options, disk and networks of a container; each section saves on its own. */
@Component({
  selector: 'pc-container-settings',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    ContainerNetworksComponent,
  ],
  templateUrl: './container-settings.component.html',
  styleUrl: './container-settings.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerSettingsComponent {
  readonly container = input.required<ContainerDetailDto>();
  protected readonly store = inject(ContainerDetailStore);
  private readonly access = inject(ActionAccess);
  private readonly connection = inject(ConnectionStore);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly resources = this.fb.group({
    cores: this.fb.control<number | null>(null, [Validators.min(1), Validators.max(8192)]),
    memory: this.fb.control(512, [Validators.required, Validators.min(16)]),
    swap: this.fb.control<number | null>(null, [Validators.min(0)]),
    cpulimit: this.fb.control<number | null>(null, [Validators.min(0), Validators.max(8192)]),
  });
  protected readonly options = this.fb.group({
    hostname: this.fb.control('', [Validators.required, Validators.maxLength(253)]),
    description: this.fb.control(''),
    nameserver: this.fb.control(''),
    searchdomain: this.fb.control(''),
    onboot: this.fb.control(false),
    protection: this.fb.control(false),
  });
  protected readonly resize = this.fb.group({
    size: this.fb.control('+1G', [Validators.pattern(/^\+?\d+(\.\d+)?[KMGT]$/)]),
  });

  protected readonly message = signal<{ section: string; text: string; error: boolean } | null>(
    null,
  );
  protected readonly saving = signal(false);
  protected readonly pending = computed(() => describePending(this.container().pending));
  protected readonly blocked = computed(() => this.reason('configure'));
  protected readonly resizeBlocked = computed(() => this.reason('resize'));
  /** The digest the forms were filled from: saving against it makes a concurrent edit a 409. */
  private digest: string | undefined;

  constructor() {
    effect(() => {
      const config = this.container().config;
      if (!config || config.digest === this.digest) return;
      untracked(() => this.fill(this.container()));
    });
  }

  private reason(action: 'configure' | 'resize'): string {
    return tabBlocker({
      writable: this.connection.writable(),
      lock: this.container().lock,
      denied: this.access.reason(action),
      what: 'changes',
    });
  }

  /** Refills the forms the user is not editing; a form being edited keeps its text. */
  private fill(ct: ContainerDetailDto): void {
    const c = ct.config;
    if (!c) return;
    this.digest = c.digest;
    if (this.resources.pristine)
      this.resources.reset({
        cores: c.cores ?? null,
        memory: c.memory ?? 512,
        swap: c.swap ?? null,
        cpulimit: c.cpulimit ?? null,
      });
    if (this.options.pristine)
      this.options.reset({
        hostname: c.hostname ?? ct.name,
        description: c.description ?? '',
        nameserver: c.nameserver ?? '',
        searchdomain: c.searchdomain ?? '',
        onboot: c.onboot,
        protection: c.protection,
      });
  }

  protected saveResources(): Promise<void> {
    const v = this.resources.getRawValue();
    const body = withDeletes({
      cores: numberOrNull(v.cores),
      memory: v.memory,
      swap: numberOrNull(v.swap),
      cpulimit: numberOrNull(v.cpulimit) ?? 0,
    });
    return this.save('resources', body as UpdateContainerDto);
  }

  protected saveOptions(): Promise<void> {
    const v = this.options.getRawValue();
    return this.save('options', {
      hostname: v.hostname.trim(),
      description: v.description.trim(),
      nameserver: v.nameserver.trim(),
      searchdomain: v.searchdomain.trim(),
      onboot: v.onboot,
      protection: v.protection,
    });
  }

  /** PATCH with the digest the form was filled from; the answer refills the forms. */
  async save(section: string, body: UpdateContainerDto): Promise<void> {
    this.saving.set(true);
    this.message.set(null);
    const error = await this.store.save({ ...body, digest: this.digest });
    this.saving.set(false);
    if (error) {
      this.message.set({ section, text: error, error: true });
      return;
    }
    this.resources.markAsPristine();
    this.options.markAsPristine();
    this.digest = undefined;
    this.fill(this.container());
    const later = this.container().pending.length > 0;
    this.message.set({
      section,
      text: later
        ? 'Saved. Some changes wait for the next restart (see Pending changes).'
        : 'Saved and applied.',
      error: false,
    });
  }

  protected async grow(): Promise<void> {
    const size = this.resize.getRawValue().size;
    const vmid = this.container().vmid;
    await this.store.runTask('resize', () => this.store.resizeRequest(vmid, size));
  }
}
