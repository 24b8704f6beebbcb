import type { Cluster } from '../cluster/cluster.js';
import { sampleNode } from '../metrics/node-metrics.js';
import {
  PveError,
  RawJson,
  paramString,
  type Handler,
  type RequestContext,
} from '../server/context.js';
import { hasPrivilege } from '../server/principal.js';
import { guestResource, nodeNamed, nodeResource, storageResource } from './views.js';

export const getVersion: Handler = (ctx) => {
  const { version, release, repoid } = ctx.sim.release;
  return { version, release, repoid, console: 'xtermjs' };
};

export const listNodes: Handler = (ctx) => {
  const t = ctx.sim.sampleSec();
  const fingerprint = ctx.sim.fingerprint();
  return [...ctx.sim.cluster.nodes.values()].map((n) => {
    const {
      id: _id,
      type: _type,
      'cgroup-mode': _cgroup,
      disk,
      maxdisk,
      ...rest
    } = nodeResource(n, t);
    return {
      ...rest,
      disk,
      maxdisk,
      ssl_fingerprint: fingerprint,
      type: 'node',
      id: `node/${n.name}`,
    };
  });
};

export const nodeStatus: Handler = (ctx) => {
  const n = nodeNamed(ctx);
  const s = sampleNode(n, ctx.sim.sampleSec());
  const free = n.memory - s.mem;
  const { version, repoid, kernel } = ctx.sim.release;
  const build = '#1 SMP PREEMPT_DYNAMIC PMX (2025-10-10T08:04Z)';
  return {
    cpu: s.cpu,
    wait: s.iowait,
    uptime: s.uptime,
    idle: 0,
    loadavg: s.loadavg.map((v) => v.toFixed(2)),
    kversion: `Linux ${kernel} ${build}`,
    pveversion: `pve-manager/${version}/${repoid}`,
    'current-kernel': {
      sysname: 'Linux',
      release: kernel,
      version: build,
      machine: 'x86_64',
    },
    'boot-info': { mode: 'efi', secureboot: 0 },
    cpuinfo: {
      model: 'AMD EPYC 7313P 16-Core Processor',
      sockets: 1,
      cores: n.cpus / 2,
      cpus: n.cpus,
      mhz: '3000.000',
      hvm: '1',
      flags: 'fpu vme de pse',
      user_hz: 100,
    },
    memory: { total: n.memory, used: s.mem, free, available: free },
    swap: { total: n.swap, used: s.swap, free: n.swap - s.swap },
    rootfs: { total: s.maxdisk, used: s.disk, free: s.maxdisk - s.disk, avail: s.maxdisk - s.disk },
    ksm: { shared: 0 },
  };
};

interface ResourceCache {
  key: string;
  entries: Record<string, unknown>[];
  /** Serialised answers per caller and type filter, valid for this tick and cluster version. */
  answers: Map<string, RawJson>;
}
const caches = new WeakMap<Cluster, ResourceCache>();

/** All resources at the current tick; rebuilt only when the tick or the cluster changed. */
function resourceCache(ctx: RequestContext): ResourceCache {
  const { cluster } = ctx.sim;
  const t = ctx.sim.sampleSec();
  const key = `${t}/${cluster.version}`;
  const cached = caches.get(cluster);
  if (cached?.key === key) return cached;
  const entries: Record<string, unknown>[] = [];
  for (const g of cluster.guests.values()) entries.push(guestResource(cluster, g, t));
  for (const n of cluster.nodes.values()) {
    entries.push(nodeResource(n, t));
    for (const s of cluster.storages) entries.push(storageResource(cluster, n, s));
  }
  for (const p of cluster.pools.values())
    entries.push({ id: `/pool/${p.poolid}`, type: 'pool', pool: p.poolid });
  const fresh = { key, entries, answers: new Map<string, RawJson>() };
  caches.set(cluster, fresh);
  return fresh;
}

function visible(ctx: RequestContext, e: Record<string, unknown>): boolean {
  const p = ctx.principal;
  if (e.type === 'lxc' || e.type === 'qemu')
    return hasPrivilege(p, `/vms/${String(e.vmid)}`, 'VM.Audit');
  if (e.type === 'node') return hasPrivilege(p, `/nodes/${String(e.node)}`, 'Sys.Audit');
  // pve-manager API2/Cluster.pm `resources`: storages need Datastore.Audit (AllocateSpace is not
  // enough here, unlike in /nodes/{node}/storage)
  if (e.type === 'storage')
    return hasPrivilege(p, `/storage/${String(e.storage)}`, 'Datastore.Audit');
  return hasPrivilege(p, `/pool/${String(e.pool)}`, 'Pool.Audit');
}

const TYPE_FILTER: Record<string, (type: unknown) => boolean> = {
  vm: (t) => t === 'qemu' || t === 'lxc',
  storage: (t) => t === 'storage',
  node: (t) => t === 'node',
  sdn: (t) => t === 'sdn',
};

export const clusterResources: Handler = (ctx) => {
  const type = paramString(ctx, 'type');
  const cache = resourceCache(ctx);
  const answerKey = `${ctx.principal.tokenid ?? ctx.principal.userid}|${type ?? ''}`;
  const cached = cache.answers.get(answerKey);
  if (cached) return cached;
  const filter = type === undefined ? undefined : TYPE_FILTER[type];
  const visibleEntries = cache.entries.filter(
    (e) => (!filter || filter(e.type)) && visible(ctx, e),
  );
  const answer = new RawJson(JSON.stringify(visibleEntries));
  cache.answers.set(answerKey, answer);
  return answer;
};

export const clusterStatus: Handler = (ctx) => {
  const { cluster } = ctx.sim;
  const nodes = [...cluster.nodes.values()];
  const online = nodes.filter((n) => n.online).length;
  const entries: Record<string, unknown>[] = [];
  if (nodes.length > 1) {
    entries.push({
      type: 'cluster',
      id: 'cluster',
      name: cluster.name,
      nodes: nodes.length,
      quorate: online * 2 > nodes.length ? 1 : 0,
      version: nodes.length + 1,
    });
  }
  nodes.forEach((n, i) => {
    entries.push({
      type: 'node',
      id: `node/${n.name}`,
      name: n.name,
      nodeid: n.nodeid,
      ip: n.ip,
      online: n.online ? 1 : 0,
      local: i === 0 ? 1 : 0,
      level: '',
    });
  });
  return entries;
};

export const nextId: Handler = (ctx) => {
  const { cluster } = ctx.sim;
  if (ctx.values.vmid === undefined) return cluster.nextFreeVmid();
  const vmid = Number(ctx.values.vmid);
  if (cluster.guests.has(vmid)) {
    throw new PveError(400, 'Parameter verification failed.', {
      vmid: `VM ${vmid} already exists`,
    });
  }
  return vmid;
};
