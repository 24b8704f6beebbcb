import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { ContainerDetailDto, ContainerNetworkDto, NetworkChangeDto } from '../../../api/models';
import { ContainerDetailStore } from './container-detail.store';
import { numberOrNull, textOrNull, withDeletes, withoutNulls } from './settings-values';

/** The form's values as a PATCH network entry: empty fields of an interface are deleted. */
export function toNetworkChange(
  key: string | null,
  v: {
    name: string;
    bridge: string;
    ip: string;
    gateway: string;
    ip6: string;
    gateway6: string;
    vlan: number | string | null;
    firewall: boolean;
    rate: number | string | null;
    mtu: number | string | null;
  },
): NetworkChangeDto {
  const fields = {
    name: v.name.trim(),
    bridge: v.bridge.trim(),
    ip: textOrNull(v.ip),
    gateway: textOrNull(v.gateway),
    ip6: textOrNull(v.ip6),
    gateway6: textOrNull(v.gateway6),
    vlan: numberOrNull(v.vlan),
    firewall: v.firewall,
    rate: numberOrNull(v.rate),
    mtu: numberOrNull(v.mtu),
  };
  if (!key) return withoutNulls(fields);
  return { key, ...withDeletes(fields) } as NetworkChangeDto;
}

/** netN of a container: edit, add and remove, validated by the server like the create wizard. */
@Component({
  selector: 'pc-container-networks',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  templateUrl: './container-networks.component.html',
  styleUrl: './container-settings.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerNetworksComponent {
  readonly container = input.required<ContainerDetailDto>();
  /** Why changes are not possible now; '' when they are. */
  readonly blocked = input('');
  private readonly store = inject(ContainerDetailStore);
  private readonly fb = inject(FormBuilder).nonNullable;

  /** The key being edited, 'new' for an added interface, null when none. */
  protected readonly editing = signal<string | null>(null);
  protected readonly removing = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly form = this.fb.group({
    name: this.fb.control('', [Validators.required, Validators.pattern(/^[-_.a-zA-Z0-9]{1,15}$/)]),
    bridge: this.fb.control('vmbr0', [Validators.required]),
    ip: this.fb.control('dhcp'),
    gateway: this.fb.control(''),
    ip6: this.fb.control(''),
    gateway6: this.fb.control(''),
    vlan: this.fb.control<number | null>(null, [Validators.min(1), Validators.max(4094)]),
    firewall: this.fb.control(false),
    rate: this.fb.control<number | null>(null, [Validators.min(0)]),
    mtu: this.fb.control<number | null>(null, [Validators.min(64), Validators.max(65535)]),
  });

  protected edit(net: ContainerNetworkDto | null): void {
    this.error.set(null);
    this.removing.set(null);
    const n = this.container().config?.networks.length ?? 0;
    this.form.reset({
      name: net?.name ?? `eth${n}`,
      bridge: net?.bridge ?? 'vmbr0',
      ip: net?.ip ?? (net ? '' : 'dhcp'),
      gateway: net?.gw ?? '',
      ip6: net?.ip6 ?? '',
      gateway6: net?.gw6 ?? '',
      vlan: net?.tag ?? null,
      firewall: net?.firewall ?? false,
      rate: net?.rate ?? null,
      mtu: net?.mtu ?? null,
    });
    this.editing.set(net?.key ?? 'new');
  }

  protected async submit(): Promise<void> {
    const key = this.editing();
    if (!key || this.form.invalid) return;
    const change = toNetworkChange(key === 'new' ? null : key, this.form.getRawValue());
    if (await this.apply(change)) this.editing.set(null);
  }

  protected async remove(key: string): Promise<void> {
    if (this.removing() !== key) {
      this.removing.set(key);
      return;
    }
    if (await this.apply({ key, remove: true })) this.removing.set(null);
  }

  private async apply(change: NetworkChangeDto): Promise<boolean> {
    this.saving.set(true);
    this.error.set(null);
    const digest = this.container().config?.digest;
    const error = await this.store.save({ networks: [change], digest });
    this.saving.set(false);
    this.error.set(error);
    return error === null;
  }
}
