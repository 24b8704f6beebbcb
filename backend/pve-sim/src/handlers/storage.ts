import {
  PveError,
  paramString,
  requirePrivs,
  type Handler,
  type RequestContext,
} from '../server/context.js';
import { hasPrivilege, principalName } from '../server/principal.js';
import { backupEntryFields, mayListBackup } from './backup.js';
import { DURATION_MS } from './durations.js';
import { nodeNamed } from './views.js';

function mayList(ctx: RequestContext, storage: string): boolean {
  const path = `/storage/${storage}`;
  return (
    hasPrivilege(ctx.principal, path, 'Datastore.Audit') ||
    hasPrivilege(ctx.principal, path, 'Datastore.AllocateSpace')
  );
}

export const listStorage: Handler = (ctx) => {
  const node = nodeNamed(ctx);
  const { cluster } = ctx.sim;
  const content = paramString(ctx, 'content');
  const only = paramString(ctx, 'storage');
  return cluster.storages
    .filter(
      (s) =>
        (!content || s.content.includes(content)) &&
        (!only || s.storage === only) &&
        mayList(ctx, s.storage),
    )
    .map((s) => {
      const { total, used, avail } = cluster.storageUsage(node.name, s);
      return {
        storage: s.storage,
        type: s.type,
        content: s.content.join(','),
        active: 1,
        enabled: 1,
        shared: 0,
        total,
        used,
        avail,
        used_fraction: used / total,
      };
    });
};

export const storageContent: Handler = (ctx) => {
  const node = nodeNamed(ctx);
  const storage = String(ctx.values.storage);
  if (!ctx.sim.cluster.storage(storage))
    throw new PveError(500, `storage '${storage}' does not exist`);
  const content = paramString(ctx, 'content');
  const vmid = ctx.values.vmid === undefined ? undefined : Number(ctx.values.vmid);
  return (
    ctx.sim.cluster.volumes
      .filter((v) => v.node === node.name && v.storage === storage)
      .filter((v) => (!content || v.content === content) && (vmid === undefined || v.vmid === vmid))
      // Content.pm index skips what check_volume_access refuses (backups: Storage.pm)
      .filter((v) => v.content !== 'backup' || mayListBackup(ctx.principal, storage, v.vmid))
      .map((v) => {
        const entry: Record<string, unknown> = {
          volid: v.volid,
          content: v.content,
          format: v.format,
          size: v.size,
          ctime: v.ctime,
        };
        if (v.content === 'backup') Object.assign(entry, { vmid: v.vmid }, backupEntryFields(v));
        else if (v.vmid !== undefined)
          Object.assign(entry, { vmid: v.vmid, used: Math.round(v.size / 2) });
        return entry;
      })
  );
};

export const listAplinfo: Handler = (ctx) => {
  nodeNamed(ctx);
  return ctx.sim.aplinfo;
};

export const downloadTemplate: Handler = (ctx) => {
  const node = nodeNamed(ctx);
  const { cluster } = ctx.sim;
  const storage = String(ctx.values.storage);
  const template = String(ctx.values.template);
  const def = cluster.storage(storage);
  if (!def) throw new PveError(500, `storage '${storage}' does not exist`);
  requirePrivs(ctx.principal, `/storage/${storage}`, ['Datastore.AllocateTemplate']);
  if (!def.content.includes('vztmpl'))
    throw new PveError(500, `storage '${storage}' does not support templates`);
  const entry = ctx.sim.aplinfo.find((a) => a.template === template);
  if (!entry)
    throw new PveError(400, 'Parameter verification failed.', { template: 'no such template' });
  const location = String(entry.location);
  const target = `/var/lib/vz/template/cache/${template}`;
  const size = 90_000_000 + ((template.length * 1_234_567) % 80_000_000);
  return ctx.sim.tasks.start({
    node: node.name,
    type: 'download',
    id: template,
    user: principalName(ctx.principal),
    durationMs: DURATION_MS.download,
    nodeBootAt: node.bootAt,
    log: [
      `starting template download from: ${location}`,
      `target file: ${target}`,
      `${Math.round(size / 1048576)}.00 MiB downloaded`,
      `download of '${location}' to '${target}' finished`,
    ],
    work: () =>
      cluster.addTemplate(node.name, storage, template, size, Math.floor(ctx.sim.nowSec())),
  }).upid;
};
