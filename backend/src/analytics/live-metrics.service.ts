import { Injectable } from '@nestjs/common';
import type { SampleRow } from './analytics.types.js';

export interface LiveContainer {
  vmid: number;
  name: string;
  node: string;
  sample: SampleRow;
}

export interface LiveNode {
  node: string;
  sample: SampleRow;
}

export interface CollectorHealth {
  /** epoch seconds of the last successful cycle */
  lastSuccess?: number;
  lastDurationMs?: number;
  lastError?: string;
  cycles: number;
  errors: number;
  skipped: number;
  /** rows written by the last successful cycle */
  lastSamples: number;
}

/**
 * The latest cycle's samples and the collector's health, held in memory for /metrics and the
 * summary's names; the database keeps the history.
 */
@Injectable()
export class LiveMetricsService {
  containers: LiveContainer[] = [];
  nodes: LiveNode[] = [];
  readonly health: CollectorHealth = { cycles: 0, errors: 0, skipped: 0, lastSamples: 0 };

  update(containers: LiveContainer[], nodes: LiveNode[], at: number, durationMs: number): void {
    this.containers = containers;
    this.nodes = nodes;
    this.health.cycles += 1;
    this.health.lastSuccess = at;
    this.health.lastDurationMs = durationMs;
    this.health.lastSamples = containers.length + nodes.length;
  }

  failed(error: string, durationMs: number): void {
    this.health.cycles += 1;
    this.health.errors += 1;
    this.health.lastError = error;
    this.health.lastDurationMs = durationMs;
  }

  skipped(): void {
    this.health.skipped += 1;
  }

  nameOf(vmid: number): string | undefined {
    return this.containers.find((c) => c.vmid === vmid)?.name;
  }
}
