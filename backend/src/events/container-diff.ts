import type { ContainerSummaryDto } from '../containers/dto/container.dto.js';

export interface ContainerDiff {
  changed: ContainerSummaryDto[];
  removed: number[];
}

/**
 * The containers of the last list sent, each with its JSON, so a new list is compared by text
 * (cheap, and blind to key order because the mapper always builds the same shape).
 */
export class ContainerDiffer {
  private known = new Map<number, { dto: ContainerSummaryDto; json: string }>();
  private seeded = false;

  /** Whether a list was seen yet (before that, the first diff is the whole list). */
  get hasBase(): boolean {
    return this.seeded;
  }

  /** The list the next diff is relative to, by vmid. */
  current(): ContainerSummaryDto[] {
    return [...this.known.values()].map((k) => k.dto);
  }

  /** Takes a new list as the base and returns what differs from the previous one. */
  next(items: readonly ContainerSummaryDto[]): ContainerDiff {
    const next = new Map<number, { dto: ContainerSummaryDto; json: string }>();
    const changed: ContainerSummaryDto[] = [];
    for (const dto of items) {
      const json = JSON.stringify(dto);
      next.set(dto.vmid, { dto, json });
      if (this.known.get(dto.vmid)?.json !== json) changed.push(dto);
    }
    const removed = [...this.known.keys()].filter((vmid) => !next.has(vmid));
    this.known = next;
    this.seeded = true;
    return { changed, removed };
  }
}
