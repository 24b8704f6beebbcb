import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CreateContainerDto, StorageDto } from '../../../api/models';
import { countOf, formatBytes } from '../../../shared/format/format';

export interface ReviewRow {
  readonly label: string;
  readonly value: string;
}

/** The request in words, one row per setting, so the user checks what will really be sent. */
export function reviewRows(
  req: CreateContainerDto,
  storages: readonly StorageDto[] = [],
): ReviewRow[] {
  const storage = storages.find((s) => s.storage === req.storage);
  const free = storage ? ` (${formatBytes(storage.avail)} free)` : '';
  const features = req.nesting ? 'nesting' : '';
  const ipv4 = req.ip === 'dhcp' ? 'DHCP' : `${req.ip}${req.gateway ? ` via ${req.gateway}` : ''}`;
  const ipv6 = !req.ip6
    ? 'none'
    : req.ip6 === 'auto'
      ? 'SLAAC'
      : req.ip6 === 'dhcp'
        ? 'DHCPv6'
        : `${req.ip6}${req.gateway6 ? ` via ${req.gateway6}` : ''}`;
  const access = [
    req.password && 'root password',
    req.sshKeys && `${req.sshKeys.split('\n').filter((l) => l.trim()).length} SSH key(s)`,
  ]
    .filter(Boolean)
    .join(' and ');
  return [
    { label: 'Template', value: req.template },
    { label: 'Node', value: req.node ?? 'chosen by the server' },
    { label: 'Hostname', value: req.hostname ?? 'generated' },
    {
      label: 'CPU / memory / swap',
      value: `${countOf(req.cores ?? 1, 'core')} · ${req.memory} MiB · ${req.swap} MiB swap`,
    },
    { label: 'Root disk', value: `${req.disk} GiB on ${req.storage ?? 'default storage'}${free}` },
    { label: 'Network', value: `${req.bridge ?? 'vmbr0'}${req.vlan ? `, VLAN ${req.vlan}` : ''}` },
    { label: 'IPv4', value: ipv4 },
    { label: 'IPv6', value: ipv6 },
    { label: 'Access', value: access || 'none' },
    { label: 'Privileges', value: req.unprivileged ? 'unprivileged' : 'privileged' },
    { label: 'Features', value: features || 'none' },
    {
      label: 'Start',
      value: `${req.start ? 'right after creation' : 'not started'}${req.onboot ? ', and on node boot' : ''}`,
    },
    { label: 'Tags', value: req.tags?.join(', ') || 'none' },
  ];
}

@Component({
  selector: 'pc-review-step',
  template: `
    <dl>
      @for (row of rows(); track row.label) {
        <dt>{{ row.label }}</dt>
        <dd>{{ row.value }}</dd>
      }
    </dl>
  `,
  styles: `
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 8px 0 0;
      font: var(--mat-sys-body-medium);
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewStepComponent {
  readonly request = input.required<CreateContainerDto>();
  readonly storages = input<readonly StorageDto[]>([]);
  protected readonly rows = computed(() => reviewRows(this.request(), this.storages()));
}
