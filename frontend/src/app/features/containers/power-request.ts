import { Observable } from 'rxjs';
import { ShutdownContainerDto, TaskRefDto } from '../../api/models';
import { ContainersService } from '../../api/services';
import { PowerAction } from './container-list';

/** The API call behind each power action; the list's bulk actions and the detail page share it. */
export function powerRequest(
  api: ContainersService,
  action: PowerAction,
  vmid: number,
  shutdown: ShutdownContainerDto = {},
): Observable<TaskRefDto> {
  switch (action) {
    case 'start':
      return api.startContainer({ vmid });
    case 'shutdown':
      return api.shutdownContainer({ vmid, body: shutdown });
    case 'stop':
      return api.stopContainer({ vmid });
    case 'reboot':
      return api.rebootContainer({ vmid });
  }
}
