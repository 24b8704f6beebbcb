import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DNS_NAME } from '../containers/dto/patterns.js';
import type { NameCheckDto } from './dto/name.dto.js';
import { ADJECTIVES, NOUNS } from './name-words.js';

const ATTEMPTS = 50;

type Pick = (max: number) => number;

/** Fills a pattern such as '{adjective}-{noun}' with random words; the result is lower-case. */
export function fillPattern(pattern: string, pick: Pick = randomInt): string {
  return pattern
    .replaceAll('{adjective}', () => ADJECTIVES[pick(ADJECTIVES.length)])
    .replaceAll('{noun}', () => NOUNS[pick(NOUNS.length)])
    .replaceAll('{number}', () => String(pick(90) + 10))
    .toLowerCase();
}

@Injectable()
export class NamesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cluster: ClusterStateService,
  ) {}

  /** A readable hostname no guest of the cluster uses (QEMU VMs included). */
  async suggest(pick: Pick = randomInt): Promise<string> {
    const taken = await this.takenNames();
    for (let i = 0; i < ATTEMPTS; i++) {
      const name = fillPattern(this.config.namePattern, pick);
      if (!taken.has(name)) return name;
    }
    // Very crowded clusters: a numeric suffix always finds a free name.
    const base = fillPattern(this.config.namePattern, pick);
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    return `${base}-${n}`;
  }

  async check(hostname: string): Promise<NameCheckDto> {
    if (!DNS_NAME.test(hostname)) {
      return {
        hostname,
        available: false,
        reason: "not a valid DNS name (letters, digits and '-', labels separated by '.')",
      };
    }
    const { resources } = await this.cluster.snapshot();
    const owner = resources.guests.find((g) => g.name.toLowerCase() === hostname.toLowerCase());
    if (owner) {
      const kind = owner.type === 'lxc' ? 'CT' : 'VM';
      return {
        hostname,
        available: false,
        reason: `already used by ${kind} ${owner.vmid} on ${owner.node}`,
      };
    }
    return { hostname, available: true };
  }

  private async takenNames(): Promise<Set<string>> {
    const { resources } = await this.cluster.snapshot();
    return new Set(resources.guests.map((g) => g.name.toLowerCase()));
  }
}
