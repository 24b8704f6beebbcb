import { Injectable, computed, inject } from '@angular/core';
import { ActionPermissionsListDto, DeniedActionDto } from '../../api/models';
import { PlansService } from '../../api/services';
import { RemoteResource } from '../../core/store/remote-resource';

export type ContainerAction = DeniedActionDto['action'];

/** vmid -> action -> why the token or the role may not take it */
export type DeniedIndex = ReadonlyMap<number, ReadonlyMap<ContainerAction, string>>;

export function indexDenied(list: ActionPermissionsListDto | undefined): DeniedIndex {
  return new Map(
    (list?.items ?? []).map((i) => [i.vmid, new Map(i.denied.map((d) => [d.action, d.reason]))]),
  );
}

/**
 * Per container, the actions the Proxmox token or the user's role do not allow, from the check a
 * plan makes (GET /api/permissions/containers). The server reads the token's permissions once
 * per collection cycle; pages refresh this with their own polling.
 */
@Injectable({ providedIn: 'root' })
export class ActionPermissionsStore {
  private readonly api = inject(PlansService);
  private readonly resource = new RemoteResource<ActionPermissionsListDto>();
  private readonly denied = computed(() => indexDenied(this.resource.value()));

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listActionPermissions());
  }

  /** Why the action cannot be taken on this container, or '' (also while not known yet). */
  reason(vmid: number, action: ContainerAction): string {
    return this.denied().get(vmid)?.get(action) ?? '';
  }
}
