import { of } from 'rxjs';
import { AnalyticsSummaryDto } from '../../api/models';
import { AnalyticsService, ContainersService, NodesService } from '../../api/services';
import { aSeries } from '../../shared/charts/series-fakes';
import { aContainer, aNode, listOf } from '../../testing/fakes';

/** Test data for the analytics page: two nodes, two containers, one summary. */
export function aSummary(): AnalyticsSummaryDto {
  return {
    from: 0,
    to: 3600,
    collectedAt: 1_700_000_000,
    totals: {
      containers: 3,
      running: 2,
      cpuCores: 1.5,
      memoryBytes: 1024 ** 3,
      diskBytes: 0,
      netinBps: 2048,
      netoutBps: 1024,
      diskreadBps: 0,
      diskwriteBps: 0,
    },
    top: {
      cpu: [{ vmid: 102, name: 'db-1', node: 'pve1', value: 0.4 }],
      memory: [],
      network: [],
      disk: [],
      diskio: [],
    },
  };
}

/** Plain implementations; specs wrap them in spies. */
export const ANALYTICS_API = {
  getNodeSeries: (p: { node: string }) => of(aSeries({ cpu: [0.5] }, { id: p.node })),
  getContainerSeries: () => of(aSeries({ cpu: [0.25], netin: [1], netout: [2] })),
  exportNodeSeriesCsv: () => of('time,epoch\n'),
  exportContainerSeriesCsv: () => of('time,epoch\n'),
  getAnalyticsSummary: () => of(aSummary()),
};

export function analyticsProviders(api: object) {
  const containers = [aContainer(), aContainer({ vmid: 102, name: 'db-1' })];
  const nodes = [aNode({ node: 'pve1' }), aNode({ node: 'pve2' })];
  return [
    { provide: AnalyticsService, useValue: api },
    { provide: ContainersService, useValue: { listContainers: () => of(listOf(containers)) } },
    { provide: NodesService, useValue: { listNodes: () => of(listOf(nodes)) } },
  ];
}
