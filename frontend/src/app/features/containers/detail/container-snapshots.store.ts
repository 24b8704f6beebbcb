import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { SnapshotDto, TaskRefDto } from '../../../api/models';
import { SnapshotsService } from '../../../api/services';
import { RemoteResource } from '../../../core/store/remote-resource';

/** A container's snapshots; the tasks that change them are followed by the detail store. */
@Injectable()
export class ContainerSnapshotsStore {
  private readonly api = inject(SnapshotsService);
  private readonly resource = new RemoteResource<SnapshotDto[]>();
  private vmid: number | null = null;

  readonly snapshots = this.resource.value;
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;

  load(vmid: number): Promise<boolean> {
    if (vmid !== this.vmid) this.resource.reset();
    this.vmid = vmid;
    return this.resource.load(() => this.api.listSnapshots({ vmid }));
  }

  create(vmid: number, name: string, description: string): Observable<TaskRefDto> {
    const body = description.trim() ? { name, description: description.trim() } : { name };
    return this.api.createSnapshot({ vmid, body });
  }

  rollback(vmid: number, name: string, start: boolean): Observable<TaskRefDto> {
    return this.api.rollbackSnapshot({ vmid, name, body: { start } });
  }

  remove(vmid: number, name: string): Observable<TaskRefDto> {
    return this.api.deleteSnapshot({ vmid, name });
  }
}
