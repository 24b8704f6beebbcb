import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { freshnessOf } from '../common/freshness.dto.js';
import { toContainerSummary } from '../containers/container.mapper.js';
import { NodesService } from '../nodes/nodes.service.js';
import type { ClusterResources } from '../proxmox/proxmox.types.js';
import { TasksService } from '../tasks/tasks.service.js';
import type {
  DashboardDto,
  StatusCountsDto,
  TopConsumersDto,
  UsageDto,
} from './dto/dashboard.dto.js';

const TOP = 5;
const RECENT = 10;

@Injectable()
export class DashboardService {
  constructor(
    private readonly cluster: ClusterStateService,
    private readonly nodes: NodesService,
    private readonly tasks: TasksService,
    private readonly activity: ActivityService,
  ) {}

  /** The cluster's dashboard, or one node's when `node` is given (the top-bar node picker). */
  async getDashboard(node?: string): Promise<DashboardDto> {
    // in parallel, so a slow Proxmox costs one read deadline, not one per part
    const [snapshot, nodeList, taskList, recentActivity] = await Promise.all([
      this.cluster.snapshot(),
      this.nodes.listNodes(),
      this.tasks.listTasks({ limit: RECENT }),
      this.activity.recent(RECENT),
    ]);
    // the dashboard is as stale and as old as its stalest part
    const freshness = freshnessOf({
      stale: snapshot.stale || taskList.stale,
      fetchedAt: Math.min(snapshot.fetchedAt, Date.parse(taskList.fetchedAt)),
    });
    const onNode = <T extends { node: string }>(items: T[]) =>
      node ? items.filter((x) => x.node === node) : items;
    return {
      ...summarize(scopeToNode(snapshot.resources, node)),
      nodes: onNode(nodeList.items),
      // the cluster's most recent tasks, of which those on the node: a quiet node may show fewer
      recentTasks: onNode(taskList.items),
      // console activity names no node; it stays cluster-wide
      recentActivity,
      ...(node ? { node } : {}),
      ...freshness,
    };
  }
}

function usage(used: number, total: number): UsageDto {
  return { used, total, fraction: total > 0 ? used / total : 0 };
}

/** One node's part of a /cluster/resources answer; all of it without a node. */
export function scopeToNode(r: ClusterResources, node?: string): ClusterResources {
  if (!node) return r;
  return {
    nodes: r.nodes.filter((n) => n.node === node),
    guests: r.guests.filter((g) => g.node === node),
    storages: r.storages.filter((s) => s.node === node),
  };
}

/**
 * Cluster totals from one /cluster/resources answer (pure, for tests). Containers are counted as
 * the container list counts them, templates included, so both pages show the same number.
 */
export function summarize(r: ClusterResources): {
  containers: StatusCountsDto;
  cpu: UsageDto;
  memory: UsageDto;
  storage: UsageDto;
  topConsumers: TopConsumersDto;
} {
  const all = r.guests.filter((g) => g.type === 'lxc');
  const cts = all.filter((g) => !g.template);
  const count = (s: string) => cts.filter((c) => c.status === s).length;
  const online = r.nodes.filter((n) => n.status === 'online');
  const seenShared = new Set<string>();
  const storages = r.storages.filter((s) => {
    if (!s.shared) return true;
    if (seenShared.has(s.storage)) return false;
    seenShared.add(s.storage);
    return true;
  });
  const running = cts.filter((c) => c.status === 'running').map(toContainerSummary);
  const top = (key: 'cpu' | 'mem') => [...running].sort((a, b) => b[key] - a[key]).slice(0, TOP);
  return {
    containers: {
      total: all.length,
      running: count('running'),
      stopped: count('stopped'),
      unknown: count('unknown'),
      templates: all.length - cts.length,
    },
    cpu: usage(
      online.reduce((s, n) => s + n.cpu * n.maxcpu, 0),
      online.reduce((s, n) => s + n.maxcpu, 0),
    ),
    memory: usage(
      online.reduce((s, n) => s + n.mem, 0),
      online.reduce((s, n) => s + n.maxmem, 0),
    ),
    storage: usage(
      storages.reduce((s, x) => s + x.used, 0),
      storages.reduce((s, x) => s + x.total, 0),
    ),
    topConsumers: { cpu: top('cpu'), memory: top('mem') },
  };
}
