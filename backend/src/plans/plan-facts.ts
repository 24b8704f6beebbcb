import { Injectable } from '@nestjs/common';
import { backupStorages, BackupsService, pickBackupStorage } from '../backups/backups.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { granted, type PermissionMap } from '../permissions/permission-report.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { PveGuest } from '../proxmox/proxmox.types.js';
import { SnapshotsService } from '../snapshots/snapshots.service.js';
import type { PlanAction, PlanParams } from './plan-actions.js';
import type { TargetFacts } from './plan-targets.js';

/** Targets read at once when an action needs one read per target (config, snapshots). */
const READS_AT_ONCE = 8;

/**
 * What a plan needs to know about its targets beyond the cluster list, read through the services
 * of the single-container routes so a plan and a single action judge by the same rules: the
 * protection flag and backup age for delete, existing snapshots for snapshot, the storage of
 * each node for backup. A read that fails leaves the fact unknown: acting re-checks anyway.
 */
@Injectable()
export class PlanFacts {
  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly cluster: ClusterStateService,
    private readonly backups: BackupsService,
    private readonly snapshots: SnapshotsService,
    private readonly permissions: PermissionsService,
  ) {}

  async read(
    action: PlanAction,
    params: PlanParams,
    guests: PveGuest[],
  ): Promise<Map<number, TargetFacts>> {
    const facts = new Map<number, TargetFacts>(guests.map((g) => [g.vmid, {}]));
    switch (action) {
      case 'delete':
        await Promise.all([this.protection(guests, facts), this.backupAges(params, guests, facts)]);
        break;
      case 'snapshot':
        await eachLimited(guests, async (g) => {
          facts.get(g.vmid)!.snapshotExists = await this.snapshots.hasSnapshot(g, params.name!);
        });
        break;
      case 'backup':
        await this.backupStorage(params, guests, facts);
        break;
      default:
        break;
    }
    return facts;
  }

  private protection(guests: PveGuest[], facts: Map<number, TargetFacts>): Promise<void> {
    return eachLimited(guests, async (g) => {
      const config = await this.proxmox.getContainerConfig(g.node, g.vmid);
      facts.get(g.vmid)!.protected = config.protection;
    });
  }

  /**
   * The newest backup's age, from the backup list the console shows. A token sees a CT's archives
   * only where PVE::Storage::check_volume_access lets it (Datastore.Allocate on the storage, or
   * Datastore.AllocateSpace there and VM.Backup on the CT): where it cannot, "never backed up"
   * would be a guess, so the storages it cannot look into are named instead.
   */
  private async backupAges(
    params: PlanParams,
    guests: PveGuest[],
    facts: Map<number, TargetFacts>,
  ): Promise<void> {
    try {
      const [{ items }, snapshot, permissions] = await Promise.all([
        this.backups.freshness(params.staleDays),
        this.cluster.snapshot(),
        this.permissions.effective(),
      ]);
      const ages = new Map(items.map((f) => [f.vmid, f.ageDays]));
      const storages = [...new Set(backupStorages(snapshot).map((s) => s.storage))].sort();
      for (const g of guests) {
        const entry = facts.get(g.vmid)!;
        entry.backupAgeDays = ages.get(g.vmid);
        const hidden = storages.filter((s) => !seesBackups(permissions, s, g.vmid));
        if (hidden.length) entry.backupsHiddenOn = hidden;
      }
    } catch {
      // no backup list (Proxmox away, nothing cached): the age stays unknown, no warning is made up
    }
  }

  private async backupStorage(
    params: PlanParams,
    guests: PveGuest[],
    facts: Map<number, TargetFacts>,
  ): Promise<void> {
    const snapshot = await this.cluster.snapshot();
    for (const g of guests) {
      try {
        facts.get(g.vmid)!.storage = pickBackupStorage(snapshot, g.node, params.storage);
      } catch (error) {
        facts.get(g.vmid)!.storageProblem = (error as Error).message;
      }
    }
  }
}

/** check_volume_access for a CT's backup archives on `storage`. */
function seesBackups(permissions: PermissionMap, storage: string, vmid: number): boolean {
  const path = `/storage/${storage}`;
  return (
    granted(permissions, path, ['Datastore.Allocate']) ||
    (granted(permissions, path, ['Datastore.AllocateSpace']) &&
      granted(permissions, `/vms/${vmid}`, ['VM.Backup']))
  );
}

async function eachLimited(
  guests: PveGuest[],
  read: (g: PveGuest) => Promise<void>,
): Promise<void> {
  const queue = [...guests];
  const worker = async (): Promise<void> => {
    for (let g = queue.shift(); g; g = queue.shift()) {
      try {
        await read(g);
      } catch {
        // an unreachable node: the fact stays unknown and the re-check before acting decides
      }
    }
  };
  await Promise.all(Array.from({ length: READS_AT_ONCE }, worker));
}
