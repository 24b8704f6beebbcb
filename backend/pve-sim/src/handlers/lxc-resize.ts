import { splitPropertyString, type Guest } from '../cluster/model.js';
import {
  PveError,
  paramString,
  requirePrivs,
  type Handler,
  type RequestContext,
} from '../server/context.js';
import { principalName } from '../server/principal.js';
import { DURATION_MS } from './durations.js';
import { assertDigest, checkModifyPermissions } from './lxc-config.js';
import { assertUnlocked, lxcOn, nodeOf } from './views.js';

/** PVE::JSONSchema::parse_size: a number with an optional K/M/G/T unit; no unit means bytes. */
function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT])?$/.exec(text);
  if (!m) throw new PveError(500, 'invalid size string');
  return Number(m[1]) * 1024 ** (m[2] ? 'KMGT'.indexOf(m[2]) + 1 : 0);
}

/** PVE::JSONSchema::format_size: the largest unit that divides the size exactly. */
export function formatSize(bytes: number): string {
  let value = bytes;
  for (const unit of ['', 'K', 'M', 'G']) {
    if (value % 1024 !== 0) return `${value}${unit}`;
    value /= 1024;
  }
  return `${value}T`;
}

interface ResizePlan {
  disk: string;
  volid: string;
  storage: string;
  size: number;
  newsize: number;
}

/** resize_vm's $load_and_check, run before forking the worker (errors are 500 at once). */
function loadAndCheck(ctx: RequestContext, g: Guest): ResizePlan {
  assertUnlocked(g);
  const disk = String(ctx.values.disk);
  checkModifyPermissions(ctx, g, 'disk', disk);
  checkModifyPermissions(ctx, g, 'size', String(ctx.values.size));
  assertDigest(g, paramString(ctx, 'digest'));
  const value = g.config[disk];
  if (value === undefined) throw new PveError(500, `unable to parse volume '${disk}'`);
  const { volume, size } = splitPropertyString(String(value), 'volume');
  const storage = volume.split(':')[0];
  requirePrivs(ctx.principal, `/storage/${storage}`, ['Datastore.AllocateSpace']);
  const current = size ? parseSize(size) : 0;
  const requested = String(ctx.values.size);
  const grow = requested.startsWith('+');
  const amount = parseSize(grow ? requested.slice(1) : requested);
  const newsize = Math.floor(grow ? current + amount : amount);
  if (newsize < current) throw new PveError(500, 'unable to shrink disk size');
  if (newsize === current) throw new PveError(500, 'disk is already at specified size');
  return { disk, volid: volume, storage, size: current, newsize };
}

/** volume_resize: the grown part must fit, as lvextend refuses with LVM's own words. */
function growVolume(ctx: RequestContext, g: Guest, plan: ResizePlan): string[] {
  const { cluster } = ctx.sim;
  const def = cluster.storage(plan.storage);
  const volume = cluster.findVolume(g.node, plan.volid);
  if (def && volume) {
    const { avail } = cluster.storageUsage(g.node, def);
    const delta = plan.newsize - plan.size;
    const needed = def.type === 'dir' ? delta : delta / 2;
    if (needed > avail) {
      const extents = (n: number): number => Math.floor(n / (4 * 1024 ** 2));
      throw new Error(
        `lvextend '${plan.volid}' error:   Insufficient free space: ${Math.ceil(needed / (4 * 1024 ** 2))} extents needed, but only ${extents(avail)} available`,
      );
    }
    volume.size = plan.newsize;
  }
  const parts = splitPropertyString(String(g.config[plan.disk]), 'volume');
  const { volume: vol, size: _size, ...options } = parts;
  const rest = Object.entries(options).map(([k, v]) => `${k}=${v}`);
  g.config[plan.disk] = [vol, ...rest, `size=${formatSize(plan.newsize)}`].join(',');
  cluster.version++;
  const lv = plan.volid.split(':')[1];
  return [
    `  Size of logical volume pve/${lv} changed from ${formatSize(plan.size)} to ${formatSize(plan.newsize)}.`,
    `  Logical volume pve/${lv} successfully resized.`,
  ];
}

/** PUT /nodes/{node}/lxc/{vmid}/resize (API2/LXC.pm resize_vm): checks, then a `resize` task. */
export const resizeLxc: Handler = (ctx) => {
  const g = lxcOn(ctx);
  loadAndCheck(ctx, g);
  const node = nodeOf(ctx.sim.cluster, g);
  return ctx.sim.tasks.start({
    node: g.node,
    type: 'resize',
    id: String(g.vmid),
    user: principalName(ctx.principal),
    durationMs: DURATION_MS.resize,
    nodeBootAt: node.bootAt,
    log: [],
    // the worker loads and checks again under the config lock
    work: () => growVolume(ctx, g, loadAndCheck(ctx, g)),
  }).upid;
};
