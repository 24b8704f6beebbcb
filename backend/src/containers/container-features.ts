import { badRequest } from '../common/domain-errors.js';
import type { CreateContainerDto } from './dto/create-container.dto.js';

type FeatureRequest = Pick<CreateContainerDto, 'vmid' | 'unprivileged' | 'nesting' | 'keyctl'>;

const TOKEN_IS_NOT_ROOT =
  "the console's API token never counts as root@pam, not even a token of root@pam";

/**
 * pve-container LXC.pm `check_ct_modify_config_perm`: only the user root@pam may set feature flags
 * other than nesting (keyctl, fuse, mount, mknod), and no flag at all on a privileged container
 * (nesting too). The console always calls Proxmox with an API token, whose authuser is
 * `user@realm!name`, so Proxmox would answer 403: refuse first and say what works instead.
 */
export function assertFeatureFlagsAllowed(dto: FeatureRequest): void {
  const ct = dto.vmid ?? '<vmid>';
  if (dto.keyctl) {
    const flags = [dto.nesting && dto.unprivileged !== false && 'nesting=1', 'keyctl=1']
      .filter(Boolean)
      .join(',');
    throw badRequest(
      `keyctl: Proxmox lets only the user root@pam set feature flags other than nesting, and ${TOKEN_IS_NOT_ROOT}. ` +
        `Create the container without keyctl, then run as root on its node: pct set ${ct} --features ${flags}`,
      'keyctl',
    );
  }
  if (dto.nesting && dto.unprivileged === false) {
    throw badRequest(
      `nesting: Proxmox lets only the user root@pam set feature flags on a privileged container, and ${TOKEN_IS_NOT_ROOT}. ` +
        `Create it without nesting (or unprivileged), then run as root on its node: pct set ${ct} --features nesting=1`,
      'nesting',
    );
  }
}
