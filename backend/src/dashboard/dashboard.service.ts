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

  async getDashboard(): Promise<DashboardDto> {
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
    return {
      ...summarize(snapshot.resources),
      nodes: nodeList.items,
      recentTasks: taskList.items,
      recentActivity,
      ...freshness,
    };
  }
}

function usage(used: number, total: number): UsageDto {
  return { used, total, fraction: total > 0 ? used / total : 0 };
}

/** Cluster totals from one /cluster/resources answer (pure, for tests). */
export function summarize(r: ClusterResources): {
  containers: StatusCountsDto;
  cpu: UsageDto;
  memory: UsageDto;
  storage: UsageDto;
  topConsumers: TopConsumersDto;
} {
  const cts = r.guests.filter((g) => g.type === 'lxc' && !g.template);
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
      total: cts.length,
      running: count('running'),
      stopped: count('stopped'),
      unknown: count('unknown'),
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
