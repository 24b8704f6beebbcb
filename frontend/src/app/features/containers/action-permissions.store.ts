import { Injectable, computed, effect, inject, untracked } from '@angular/core';
import { ActionPermissionsListDto, DeniedActionDto } from '../../api/models';
import { PlansService } from '../../api/services';
import { LiveEvents } from '../../core/events/live-events';
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
 * per collection cycle; this store reads again with each cycle the event stream pushes, or when a
 * page polls while the stream is down.
 */
@Injectable({ providedIn: 'root' })
export class ActionPermissionsStore {
  private readonly api = inject(PlansService);
  private readonly resource = new RemoteResource<ActionPermissionsListDto>();
  private readonly denied = computed(() => indexDenied(this.resource.value()));
  private readonly live = inject(LiveEvents);

  constructor() {
    // while the event stream is healthy nothing polls: read again once per pushed cycle instead
    let cycle: string | undefined;
    effect(() => {
      const at = this.live.containers()?.fetchedAt;
      if (at === undefined || at === cycle) return;
      cycle = at;
      untracked(() => void this.refresh());
    });
  }

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listActionPermissions());
  }

  /** Why the action cannot be taken on this container, or '' (also while not known yet). */
  reason(vmid: number, action: ContainerAction): string {
    return this.denied().get(vmid)?.get(action) ?? '';
  }
}
