import {
  isTemplate,
  splitPropertyString,
  type ConfigValue,
  type Guest,
  type Snapshot,
} from '../cluster/model.js';
import { PveError, type Handler, type RequestContext } from '../server/context.js';
import { principalName } from '../server/principal.js';
import { DURATION_MS } from './durations.js';
import { bootGuest, haltGuest } from './lxc-power.js';
import { configDigest } from './lxc-pending.js';
import { assertUnlocked, lxcOn, nodeOf } from './views.js';

/** AbstractConfig::__snapshot_copy_config: every key but these goes into a snapshot. */
const NOT_COPIED = new Set(['snapstate', 'snaptime', 'vmstate', 'lock', 'digest', 'description']);

function copyConfig(source: Record<string, ConfigValue>): Record<string, ConfigValue> {
  return Object.fromEntries(
    Object.entries(source).filter(([k]) => !NOT_COPIED.has(k) && !/^unused\d+$/.test(k)),
  );
}

function snapshotsOf(g: Guest): Map<string, Snapshot> {
  g.snapshots ??= new Map();
  return g.snapshots;
}

function snapshotNamed(g: Guest, name: string): Snapshot {
  const snap = g.snapshots?.get(name);
  if (!snap) throw new Error(`snapshot '${name}' does not exist`);
  return snap;
}

/**
 * LXC::Config has_feature('snapshot'): every volume's storage must snapshot it. Of pve-sim's
 * storage types only LVM-thin does; a directory storage holds raw images (PVE::Storage::Plugin
 * volume_has_feature allows snapshots only for qcow2).
 */
function canSnapshot(ctx: RequestContext, g: Guest): boolean {
  return Object.entries(g.config)
    .filter(([k]) => k === 'rootfs' || /^mp\d+$/.test(k))
    .every(([, v]) => {
      const storage = splitPropertyString(String(v), 'volume').volume.split(':')[0];
      return ctx.sim.cluster.storage(storage)?.type === 'lvmthin';
    });
}

function runSnapshotTask(
  ctx: RequestContext,
  g: Guest,
  type: 'vzsnapshot' | 'vzrollback' | 'vzdelsnapshot',
  begin: () => string[] | void,
  work: () => string[] | void,
): string {
  return ctx.sim.tasks.start({
    node: g.node,
    type,
    id: String(g.vmid),
    user: principalName(ctx.principal),
    durationMs: DURATION_MS[type],
    nodeBootAt: nodeOf(ctx.sim.cluster, g).bootAt,
    log: [],
    begin: () => {
      const out = begin();
      ctx.sim.cluster.version++;
      return out;
    },
    work: () => {
      const out = work();
      ctx.sim.cluster.version++;
      return out;
    },
  }).upid;
}

/** GET .../snapshot (API2/LXC/Snapshot.pm list): every snapshot plus the synthetic `current`. */
export const listSnapshots: Handler = (ctx) => {
  const g = lxcOn(ctx);
  const out: Record<string, unknown>[] = [...(g.snapshots?.values() ?? [])].map((s) => {
    const item: Record<string, unknown> = {
      name: s.name,
      snaptime: s.snaptime,
      description: s.description ?? '',
    };
    if (s.parent !== undefined) item.parent = s.parent;
    if (s.snapstate) item.snapstate = s.snapstate;
    return item;
  });
  const current: Record<string, unknown> = {
    name: 'current',
    digest: configDigest(g),
    running: g.status === 'running' ? 1 : 0,
    description: 'You are here!',
  };
  if (g.config.parent !== undefined) current.parent = String(g.config.parent);
  return [...out, current];
};

/** __snapshot_prepare, in the worker: checks, lock `snapshot`, the section with snapstate prepare. */
function prepareSnapshot(ctx: RequestContext, g: Guest, name: string, description?: string): void {
  if (isTemplate(g)) throw new Error("you can't take a snapshot if it's a template");
  assertUnlocked(g);
  const snapshots = snapshotsOf(g);
  if (snapshots.has(name)) throw new Error(`snapshot name '${name}' already used`);
  if (!canSnapshot(ctx, g)) throw new Error('snapshot feature is not available');
  g.config.lock = 'snapshot';
  const snap: Snapshot = {
    name,
    snaptime: Math.floor(ctx.sim.nowSec()),
    snapstate: 'prepare',
    config: copyConfig(g.config),
  };
  if (g.config.parent !== undefined) snap.parent = String(g.config.parent);
  if (description) snap.description = description;
  snapshots.set(name, snap);
}

export const createSnapshot: Handler = (ctx) => {
  const g = lxcOn(ctx);
  const name = String(ctx.values.snapname);
  if (name === 'current' || name === 'vzdump')
    throw new PveError(500, `unable to use snapshot name '${name}' (reserved name)`);
  const description = ctx.values.description as string | undefined;
  return runSnapshotTask(
    ctx,
    g,
    'vzsnapshot',
    () => prepareSnapshot(ctx, g, name, description),
    () => {
      // __snapshot_commit
      delete snapshotNamed(g, name).snapstate;
      delete g.config.lock;
      g.config.parent = name;
      return [`snapshotting 'rootfs' (${String(g.config.rootfs).split(',')[0]})`];
    },
  );
};

/** snapshot_delete's cleanup: children and the current state move up to the deleted one's parent. */
function unlinkSnapshot(g: Guest, snap: Snapshot): void {
  const relink = (holder: { parent?: string }): void => {
    if (holder.parent !== snap.name) return;
    if (snap.parent) holder.parent = snap.parent;
    else delete holder.parent;
  };
  for (const other of g.snapshots?.values() ?? []) relink(other);
  if (g.config.parent === snap.name) {
    if (snap.parent) g.config.parent = snap.parent;
    else delete g.config.parent;
  }
  g.snapshots?.delete(snap.name);
}

export const deleteSnapshot: Handler = (ctx) => {
  const g = lxcOn(ctx);
  const name = String(ctx.values.snapname);
  return runSnapshotTask(
    ctx,
    g,
    'vzdelsnapshot',
    () => {
      const snap = snapshotNamed(g, name);
      assertUnlocked(g);
      if (isTemplate(g)) throw new Error("you can't delete a snapshot if vm is a template");
      g.config.lock = 'snapshot-delete';
      snap.snapstate = 'delete';
    },
    () => {
      unlinkSnapshot(g, snapshotNamed(g, name));
      delete g.config.lock;
    },
  );
};

/** snapshot_rollback: a running CT is stopped first; the config becomes the snapshot's. */
export const rollbackSnapshot: Handler = (ctx) => {
  const g = lxcOn(ctx);
  const name = String(ctx.values.snapname);
  const start = ctx.values.start === true || ctx.values.start === 1 || ctx.values.start === '1';
  const log: string[] = [];
  return runSnapshotTask(
    ctx,
    g,
    'vzrollback',
    () => {
      if (isTemplate(g)) throw new Error("you can't rollback if vm is a template");
      const snap = snapshotNamed(g, name);
      if (snap.snapstate)
        throw new Error(
          `unable to rollback to incomplete snapshot (snapstate = ${snap.snapstate})`,
        );
      assertUnlocked(g);
      if (g.status === 'running') {
        haltGuest(ctx.sim, g);
        log.push(`stopping CT ${g.vmid} before rollback`);
      }
      g.config.lock = 'rollback';
    },
    () => {
      const snap = snapshotNamed(g, name);
      const kept = Object.entries(g.config).filter(
        ([k]) => k === 'description' || /^unused\d+$/.test(k),
      );
      g.config = { ...Object.fromEntries(kept), ...copyConfig(snap.config), parent: name };
      delete g.pending;
      if (start) bootGuest(ctx.sim, g);
      return log;
    },
  );
};
