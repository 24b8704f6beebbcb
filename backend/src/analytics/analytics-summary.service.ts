import { Injectable } from '@nestjs/common';
import { AnalyticsClock } from './analytics-clock.js';
import { DAY_S, TIER_1H, TIER_5M } from './analytics.constants.js';
import { AnalyticsRepository } from './analytics.repository.js';
import type { SubjectMeans } from './analytics.types.js';
import type { Window } from './analytics-query.service.js';
import type {
  AnalyticsSummaryDto,
  AnalyticsTopConsumerDto,
  AnalyticsTopConsumersDto,
} from './dto/summary.dto.js';
import { LiveMetricsService } from './live-metrics.service.js';

type Ranking = (m: SubjectMeans) => number;

const RANKINGS: Record<keyof AnalyticsTopConsumersDto, Ranking> = {
  cpu: (m) => (m.cpu ?? 0) * (m.maxcpu ?? 1),
  memory: (m) => m.mem ?? 0,
  network: (m) => (m.netin ?? 0) + (m.netout ?? 0),
  disk: (m) => m.disk ?? 0,
  diskio: (m) => (m.diskread ?? 0) + (m.diskwrite ?? 0),
};

/** A summary is computed at most once a minute per window: it reads every CT's rollups. */
const CACHE_S = 60;
const CACHE_ENTRIES = 16;

/** Cluster totals and top consumers from the rollups: one grouped read over all containers. */
@Injectable()
export class AnalyticsSummaryService {
  private readonly cache = new Map<string, { at: number; means: SubjectMeans[] }>();

  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly live: LiveMetricsService,
    private readonly clock: AnalyticsClock,
  ) {}

  summary(w: Window, limit: number): AnalyticsSummaryDto {
    const means = this.means(w);
    const sum = (f: Ranking): number => means.reduce((acc, m) => acc + f(m), 0);
    const top = {} as AnalyticsTopConsumersDto;
    for (const [name, rank] of Object.entries(RANKINGS) as [
      keyof AnalyticsTopConsumersDto,
      Ranking,
    ][]) {
      top[name] = this.topList(means, rank, limit);
    }
    return {
      from: w.from,
      to: w.to,
      collectedAt: this.live.health.lastSuccess ?? null,
      totals: {
        containers: means.length,
        running: this.live.containers.filter((c) => c.sample.up === 1).length,
        cpuCores: sum(RANKINGS.cpu),
        memoryBytes: sum(RANKINGS.memory),
        diskBytes: sum(RANKINGS.disk),
        netinBps: sum((m) => m.netin ?? 0),
        netoutBps: sum((m) => m.netout ?? 0),
        diskreadBps: sum((m) => m.diskread ?? 0),
        diskwriteBps: sum((m) => m.diskwrite ?? 0),
      },
      top,
    };
  }

  /**
   * Per-CT means over the window; a day or less reads 5-minute rows, longer windows the hourly
   * tier (12× fewer rows). Windows ending within the same minute share one computation.
   */
  private means(w: Window): SubjectMeans[] {
    const tier = w.to - w.from <= DAY_S ? TIER_5M : TIER_1H;
    const from = Math.floor(w.from / tier) * tier;
    const to = Math.ceil(w.to / CACHE_S) * CACHE_S;
    const key = `${tier}:${from}:${to}`;
    const now = this.clock.nowS();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < CACHE_S) return hit.means;
    const means = this.repository.subjectMeans('ct', tier, from, to);
    if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
    this.cache.set(key, { at: now, means });
    return means;
  }

  private topList(means: SubjectMeans[], rank: Ranking, limit: number): AnalyticsTopConsumerDto[] {
    return means
      .map((m) => ({ vmid: Number(m.key), value: rank(m) }))
      .sort((a, b) => b.value - a.value || a.vmid - b.vmid)
      .slice(0, limit)
      .map(({ vmid, value }) => {
        const live = this.live.containers.find((c) => c.vmid === vmid);
        return { vmid, value, name: live?.name ?? `CT ${vmid}`, node: live?.node ?? '' };
      });
  }
}
