import { Injectable } from '@nestjs/common';
import { pickBackupStorage } from '../backups/backups.service.js';
import type { Cached } from '../cache/cached-read.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { freshnessOf } from '../common/freshness.dto.js';
import type { PermissionMap } from '../permissions/permission-report.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import type { Role } from '../users/roles.js';
import type { ActionPermissionsListDto } from './dto/action-permissions.dto.js';
import { PLAN_ACTIONS } from './plan-actions.js';
import { denial } from './plan-targets.js';

/**
 * Which actions the token and the caller's role allow on each container, by the same per-path
 * check a plan makes (`denial`), so a button the UI disables is one a plan would refuse. The
 * token's permissions are read once per collection cycle (the cluster state's answer), however
 * many pages ask.
 */
@Injectable()
export class ActionPermissionsService {
  private memo?: { cycle: number; read: Promise<Cached<PermissionMap>> };

  constructor(
    private readonly cluster: ClusterStateService,
    private readonly permissions: PermissionsService,
  ) {}

  async list(role: Role, vmid?: number): Promise<ActionPermissionsListDto> {
    const snapshot = await this.cluster.snapshot();
    if (this.memo?.cycle !== snapshot.fetchedAt) {
      const read = this.permissions.read();
      this.memo = { cycle: snapshot.fetchedAt, read };
      read.catch(() => (this.memo = undefined));
    }
    const read = await this.memo.read;
    const guests = snapshot.resources.guests
      .filter((g) => g.type === 'lxc' && (vmid === undefined || g.vmid === vmid))
      .sort((a, b) => a.vmid - b.vmid);
    const items = guests.map((g) => ({
      vmid: g.vmid,
      denied: PLAN_ACTIONS.flatMap((action) => {
        const storage = action === 'backup' ? backupStorageOf(snapshot, g.node) : undefined;
        const reason = denial(action, g.vmid, read.value, role, storage);
        return reason ? [{ action, reason }] : [];
      }),
    }));
    const stale = snapshot.stale || read.stale;
    return {
      items,
      ...freshnessOf({ stale, fetchedAt: Math.min(snapshot.fetchedAt, read.fetchedAt) }),
    };
  }
}

function backupStorageOf(
  snapshot: Parameters<typeof pickBackupStorage>[0],
  node: string,
): string | undefined {
  try {
    return pickBackupStorage(snapshot, node);
  } catch {
    return undefined;
  }
}
