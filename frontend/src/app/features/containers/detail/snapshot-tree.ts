import { SnapshotDto } from '../../../api/models';

/** One line of the snapshot tree: a snapshot, or the container's present state ("now"). */
export interface SnapshotRow {
  readonly kind: 'snapshot' | 'now';
  readonly name: string;
  readonly depth: number;
  readonly snapshot: SnapshotDto | null;
}

/**
 * Snapshots as a tree by their parent links (children after their parent, oldest first), with
 * the present state placed under the snapshot it follows, as the Proxmox UI shows "NOW".
 */
export function snapshotTree(snapshots: readonly SnapshotDto[]): SnapshotRow[] {
  const names = new Set(snapshots.map((s) => s.name));
  const children = new Map<string | null, SnapshotDto[]>();
  for (const s of snapshots) {
    const parent = s.parent && names.has(s.parent) ? s.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const current = snapshots.find((s) => s.parentOfCurrent)?.name ?? null;
  const rows: SnapshotRow[] = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const s of [...(children.get(parent) ?? [])].sort((a, b) => a.snaptime - b.snaptime)) {
      rows.push({ kind: 'snapshot', name: s.name, depth, snapshot: s });
      walk(s.name, depth + 1);
    }
    if (parent === current) rows.push({ kind: 'now', name: 'now', depth, snapshot: null });
  };
  walk(null, 0);
  return rows;
}

/** What a rollback discards, for the confirmation. */
export function rollbackWarning(
  vmid: number,
  snapshot: SnapshotDto,
  running: boolean,
  taken: string,
): string {
  const stop = running ? ' It is stopped for the rollback and started again afterwards.' : '';
  return `Everything CT ${vmid} changed since snapshot '${snapshot.name}' was taken (${taken}) is lost: files, installed software and settings.${stop} The snapshots themselves stay.`;
}
