import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ContainerDetailDto } from '../../../api/models';

/** Proxmox feature flags are "1"/"0" strings; list the ones switched on. */
export function enabledFeatures(features: Record<string, string>): string[] {
  return Object.entries(features)
    .filter(([, value]) => value === '1')
    .map(([key]) => key)
    .sort();
}

@Component({
  selector: 'pc-container-config',
  template: `
    <h2>Configuration</h2>
    @if (config(); as config) {
      <dl>
        <dt>Hostname</dt>
        <dd>{{ config.hostname ?? container().name }}</dd>
        <dt>OS</dt>
        <dd>{{ config.ostype ?? '—' }} {{ config.arch ?? '' }}</dd>
        <dt>Cores</dt>
        <dd>{{ config.cores ?? 'all host cores' }}</dd>
        <dt>Memory / swap</dt>
        <dd>{{ config.memory ?? '—' }} MiB / {{ config.swap ?? '—' }} MiB</dd>
        <dt>Root disk</dt>
        <dd class="pc-mono">
          {{ config.rootfs ?? '—' }}
          {{ config.rootfsSize ? '(' + config.rootfsSize + ')' : '' }}
        </dd>
        <dt>Privileges</dt>
        <dd>{{ config.unprivileged ? 'unprivileged' : 'privileged' }}</dd>
        <dt>Features</dt>
        <dd>{{ features().join(', ') || 'none' }}</dd>
        <dt>Start on boot</dt>
        <dd>{{ config.onboot ? 'yes' : 'no' }}</dd>
        <dt>Tags</dt>
        <dd>{{ container().tags.join(', ') || 'none' }}</dd>
        @for (net of config.networks; track net.key) {
          <dt>{{ net.key }} ({{ net.name }})</dt>
          <dd class="pc-mono">
            {{ net.bridge ?? '—' }}{{ net.tag ? ' · VLAN ' + net.tag : '' }} ·
            {{ net.ip ?? 'no IPv4' }}{{ net.gw ? ' via ' + net.gw : ''
            }}{{ net.ip6 ? ' · ' + net.ip6 : '' }}
          </dd>
        }
      </dl>
      @if (config.description) {
        <h3>Description</h3>
        <p class="description">{{ config.description }}</p>
      }
    } @else {
      <p class="unknown">
        Not known yet: Proxmox (or this container's node) could not be reached before the console
        first read this container. Name, status and resources above come from the cluster list; the
        configuration appears once Proxmox answers again.
      </p>
    }
  `,
  styles: `
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 4px;
    }
    .description {
      white-space: pre-wrap;
      margin: 0;
    }
    .unknown {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerConfigComponent {
  readonly container = input.required<ContainerDetailDto>();
  protected readonly config = computed(() => this.container().config);
  protected readonly features = computed(() => enabledFeatures(this.config()?.features ?? {}));
}
