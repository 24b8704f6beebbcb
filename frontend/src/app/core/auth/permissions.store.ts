import { Injectable, computed, inject } from '@angular/core';
import { FeaturePermissionDto, PermissionReportDto } from '../../api/models';
import { PermissionsService } from '../../api/services';
import { RemoteResource } from '../store/remote-resource';

/** The console features the backend reports on (see backend/src/permissions). */
export type ConsoleFeature =
  | 'inspect'
  | 'power'
  | 'create'
  | 'delete'
  | 'configure'
  | 'resize'
  | 'snapshots'
  | 'rollback'
  | 'templates'
  | 'backup'
  | 'storage'
  | 'console'
  | 'nodes';

/**
 * Why the Proxmox token cannot do a feature, e.g. "The Proxmox token lacks VM.PowerMgmt on /vms",
 * or '' when it can (or nothing is known yet: the server's own error then explains a failure).
 */
export function permissionHint(feature: FeaturePermissionDto | undefined): string {
  if (!feature || feature.available || !feature.missing.length) return '';
  const lacks = feature.missing.map((m) => `${m.privilege} on ${m.path}`).join(', ');
  const granted = feature.missing.flatMap((m) => m.grantedOn);
  const only = feature.partial && granted.length ? ` (granted only on ${granted.join(', ')})` : '';
  return `The Proxmox token lacks ${lacks}${only}`;
}

export function findFeature(
  report: PermissionReportDto | undefined,
  feature: ConsoleFeature,
): FeaturePermissionDto | undefined {
  return report?.features.find((f) => f.feature === feature);
}

/** What the console's Proxmox token may do; read once at start and again on demand. */
@Injectable({ providedIn: 'root' })
export class PermissionsStore {
  private readonly api = inject(PermissionsService);
  private readonly resource = new RemoteResource<PermissionReportDto>();
  private requested = false;

  readonly report = this.resource.value;
  readonly loading = this.resource.loading;
  readonly error = this.resource.error;
  readonly unavailable = computed(
    () => this.report()?.features.filter((f) => !f.available || f.partial) ?? [],
  );

  /** First caller triggers the read; everyone after shares it. */
  ensureLoaded(): void {
    if (this.requested) return;
    this.requested = true;
    void this.refresh();
  }

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.getPermissionReport());
  }

  /** Fully unavailable features only: a partial grant may still cover the container at hand. */
  blocked(feature: ConsoleFeature): boolean {
    const f = findFeature(this.report(), feature);
    return !!f && !f.available && !f.partial;
  }

  hint(feature: ConsoleFeature): string {
    return permissionHint(findFeature(this.report(), feature));
  }
}
