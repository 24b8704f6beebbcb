import { describe, expect, it } from 'vitest';
import type { ContainerSummaryDto } from '../containers/dto/container.dto.js';
import { ContainerDiffer, type UsagePass } from './container-diff.js';

const ct = (vmid: number, status = 'running', cpu = 0.1, uptime = 60, mem = 1e8) =>
  ({
    vmid,
    name: `ct-${vmid}`,
    node: 'pve1',
    status,
    cpu,
    uptime,
    mem,
    maxmem: 1e9,
    disk: 0,
    maxdisk: 1e10,
  }) as ContainerSummaryDto;
const everyRow: UsagePass = { due: () => true };
const noRow: UsagePass = { due: () => false };

function differOf(...items: ContainerSummaryDto[]): ContainerDiffer {
  const differ = new ContainerDiffer();
  differ.stage(items);
  differ.take(everyRow);
  return differ;
}

describe('ContainerDiffer', () => {
  it('has no base before the first list, and then every container is new', () => {
    const differ = new ContainerDiffer();
    expect(differ.hasBase).toBe(false);
    expect(differ.stage([ct(101), ct(102)])).toBe(true);
    expect(differ.take()).toEqual({ changed: [ct(101), ct(102)], removed: [] });
    expect(differ.hasBase).toBe(true);
  });

  it('reports only the containers whose state changed, and those gone', () => {
    const differ = differOf(ct(101), ct(102), ct(103));
    expect(differ.stage([ct(101), ct(102, 'stopped'), ct(104)])).toBe(true);
    const diff = differ.take();
    expect(diff.changed).toEqual([ct(102, 'stopped'), ct(104)]);
    expect(diff.removed).toEqual([103]);
  });

  it('does not count moved usage as a change, and sends it only when asked', () => {
    const differ = differOf(ct(101, 'running', 0.1, 60), ct(102, 'stopped', 0, 0));
    const later = [ct(101, 'running', 0.7, 70), ct(102, 'stopped', 0, 0)];
    expect(differ.stage(later), 'usage alone is no state change').toBe(false);
    expect(differ.take()).toEqual({ changed: [], removed: [] });
    expect(differ.current(), 'the streams still hold the old usage').toEqual([
      ct(101, 'running', 0.1, 60),
      ct(102, 'stopped', 0, 0),
    ]);
    differ.stage(later);
    expect(differ.take(everyRow).changed, 'only the row whose usage moved').toEqual([
      ct(101, 'running', 0.7, 70),
    ]);
  });

  it('sends a row changed in state whole, with its usage as read', () => {
    const differ = differOf(ct(101, 'running', 0.1, 60));
    differ.stage([ct(101, 'stopped', 0, 0)]);
    expect(differ.take().changed).toEqual([ct(101, 'stopped', 0, 0)]);
    differ.stage([ct(101, 'stopped', 0, 0)]);
    expect(differ.take(everyRow).changed, 'its usage went with the state change').toEqual([]);
  });

  it('in a pass, sends a row that is not due only when its CPU, memory or disk moved visibly', () => {
    const differ = differOf(ct(101, 'running', 0.1), ct(102, 'running', 0.1), ct(103));
    differ.stage([
      ct(101, 'running', 0.105, 70), // half a percent of CPU, uptime: not shown
      ct(102, 'running', 0.12, 70), // two percent of CPU
      ct(103, 'running', 0.1, 70, 1.2e8), // two hundredths of the memory limit
    ]);
    expect(differ.take(noRow).changed.map((c) => c.vmid)).toEqual([102, 103]);
    differ.stage([ct(101, 'running', 0.105, 80), ct(102, 'running', 0.12, 70), ct(103)]);
    const due101: UsagePass = { due: (vmid) => vmid === 101 };
    expect(differ.take(due101).changed, 'its turn: sent though the move is small').toEqual([
      ct(101, 'running', 0.105, 80),
      ct(103),
    ]);
  });

  it('counts a new address read stamp as usage, a new address as state', () => {
    const at = (ipv4: string, addressReadAt: string) => ({ ...ct(101), ipv4, addressReadAt });
    const differ = differOf(at('10.0.0.1', '2026-12-07T00:00:00.000Z'));
    expect(differ.stage([at('10.0.0.1', '2026-12-07T00:01:00.000Z')])).toBe(false);
    expect(differ.stage([at('10.0.0.2', '2026-12-07T00:01:00.000Z')])).toBe(true);
  });

  it('reports nothing when the list is the same', () => {
    const differ = differOf(ct(101, 'running', 0.5));
    expect(differ.stage([ct(101, 'running', 0.5)])).toBe(false);
    expect(differ.take(everyRow)).toEqual({ changed: [], removed: [] });
    expect(differ.current()).toEqual([ct(101, 'running', 0.5)]);
  });
});
