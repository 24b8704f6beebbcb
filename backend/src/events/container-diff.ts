import type { ContainerSummaryDto } from '../containers/dto/container.dto.js';

/**
 * The fields of a container that move on their own: pvestatd refreshes the usage figures for every
 * running guest each cycle (10 s), and the address source stamps `addressReadAt` on each re-read
 * even when the address stayed the same, so a diff that compared them would hold many rows every
 * time. Everything else (status, name, node, tags, lock, hastate, limits, ipv4, protection ...)
 * is state, which the list must show as soon as it changes.
 */
export const CONTAINER_USAGE_FIELDS = [
  'cpu',
  'mem',
  'disk',
  'netin',
  'netout',
  'diskread',
  'diskwrite',
  'uptime',
  'addressReadAt',
] as const satisfies readonly (keyof ContainerSummaryDto)[];

/** A CPU move the list shows: it rounds to whole percent. */
export const CPU_STEP = 0.01;
/** A memory or disk move the list shows: a hundredth of the limit. */
export const SHARE_STEP = 0.01;

/**
 * One usage round: a row goes if its usage moved visibly, or if it is `due` (its turn in the
 * rotation that keeps every row's counters and uptime from growing old) and moved at all.
 */
export interface UsagePass {
  due(vmid: number): boolean;
}

function movedBy(before: number, now: number, step: number): boolean {
  return before !== now && Math.abs(now - before) >= step;
}

function movedVisibly(a: ContainerSummaryDto, b: ContainerSummaryDto): boolean {
  return (
    movedBy(a.cpu, b.cpu, CPU_STEP) ||
    movedBy(a.mem, b.mem, SHARE_STEP * b.maxmem) ||
    movedBy(a.disk, b.disk, SHARE_STEP * b.maxdisk)
  );
}

export interface ContainerDiff {
  changed: ContainerSummaryDto[];
  removed: number[];
}

interface Row {
  dto: ContainerSummaryDto;
  /** JSON of the state fields (the mapper always builds the same shape, so order is stable) */
  state: string;
  usage: string;
}

/** JSON of an object without the given top-level fields: what changes other than them. */
export function stateKeyOf(value: object, without: ReadonlySet<string>): string {
  return JSON.stringify(value, function (this: unknown, key, v: unknown) {
    return this === value && without.has(key) ? undefined : v;
  });
}

const USAGE = new Set<string>(CONTAINER_USAGE_FIELDS);

function rowOf(dto: ContainerSummaryDto): Row {
  const usage = CONTAINER_USAGE_FIELDS.map((f) => dto[f]).join(',');
  return { dto, state: stateKeyOf(dto, USAGE), usage };
}

/**
 * What the open streams hold of the container list (the rows last sent), and the newest list
 * read (staged). A state change of the staged list is sent at once; usage only in a usage pass
 * (the caller's slower cadence), and then for the rows it selects.
 */
export class ContainerDiffer {
  private sent = new Map<number, Row>();
  private staged?: Row[];
  private seeded = false;

  /** Whether a list was sent yet (before that, the first diff is the whole list). */
  get hasBase(): boolean {
    return this.seeded;
  }

  /** The list the streams hold, by vmid: what a new stream gets first. */
  current(): ContainerSummaryDto[] {
    return [...this.sent.values()].map((r) => r.dto);
  }

  /** Keeps a newly read list until the next take(); true if its state differs from the sent one. */
  stage(items: readonly ContainerSummaryDto[]): boolean {
    const rows = items.map(rowOf);
    this.staged = rows;
    if (!this.seeded || rows.length !== this.sent.size) return true;
    return rows.some((r) => this.sent.get(r.dto.vmid)?.state !== r.state);
  }

  /**
   * The staged list against the sent one: rows new or changed in state and, in a usage pass, the
   * rows it selects (a changed row goes whole, its usage as read), and the vmids gone. What it
   * returns becomes the sent list; rows left out keep their old usage until a later pass.
   */
  take(usage?: UsagePass): ContainerDiff {
    const rows = this.staged ?? [...this.sent.values()];
    const next = new Map<number, Row>();
    const changed: ContainerSummaryDto[] = [];
    for (const row of rows) {
      const old = this.sent.get(row.dto.vmid);
      const send =
        !old ||
        old.state !== row.state ||
        (!!usage &&
          old.usage !== row.usage &&
          (usage.due(row.dto.vmid) || movedVisibly(old.dto, row.dto)));
      next.set(row.dto.vmid, send || !old ? row : old);
      if (send) changed.push(row.dto);
    }
    const removed = [...this.sent.keys()].filter((vmid) => !next.has(vmid));
    this.sent = next;
    this.staged = undefined;
    this.seeded = true;
    return { changed, removed };
  }
}
