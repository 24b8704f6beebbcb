import { Injectable, Injector, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { DatacenterService } from '../../api/services';
import { DEFAULT_TAG_STYLE, TagStyle } from './stored-tags';

/**
 * The datacenter's tag-style, read once per session (the first time a tag editor opens) and
 * shared by every editor; Proxmox's default until it is known or when it cannot be read.
 */
@Injectable({ providedIn: 'root' })
export class TagStyleStore {
  // the API is resolved on first use: editors are shown in many places that never open them
  private readonly injector = inject(Injector);
  private loading?: Promise<void>;
  readonly style = signal<TagStyle>(DEFAULT_TAG_STYLE);

  load(): Promise<void> {
    this.loading ??= Promise.resolve()
      .then(() => firstValueFrom(this.injector.get(DatacenterService).getTagStyle()))
      .then(
        ({ caseSensitive, ordering }) => {
          this.style.set({ caseSensitive, ordering });
        },
        () => {
          // keep the default; the next editor opened asks again
          this.loading = undefined;
        },
      );
    return this.loading;
  }
}
