import { describe, expect, it } from 'vitest';
import type { ContainerSummaryDto } from '../containers/dto/container.dto.js';
import { ContainerDiffer } from './container-diff.js';

const ct = (vmid: number, status = 'running', cpu = 0.1, uptime = 60): ContainerSummaryDto =>
  ({ vmid, name: `ct-${vmid}`, node: 'pve1', status, cpu, uptime }) as ContainerSummaryDto;

function differOf(...items: ContainerSummaryDto[]): ContainerDiffer {
  const differ = new ContainerDiffer();
  differ.stage(items);
  differ.take(true);
  return differ;
}

describe('ContainerDiffer', () => {
  it('has no base before the first list, and then every container is new', () => {
    const differ = new ContainerDiffer();
    expect(differ.hasBase).toBe(false);
    expect(differ.stage([ct(101), ct(102)])).toBe(true);
    expect(differ.take(false)).toEqual({ changed: [ct(101), ct(102)], removed: [] });
    expect(differ.hasBase).toBe(true);
  });

  it('reports only the containers whose state changed, and those gone', () => {
    const differ = differOf(ct(101), ct(102), ct(103));
    expect(differ.stage([ct(101), ct(102, 'stopped'), ct(104)])).toBe(true);
    const diff = differ.take(false);
    expect(diff.changed).toEqual([ct(102, 'stopped'), ct(104)]);
    expect(diff.removed).toEqual([103]);
  });

  it('does not count moved usage as a change, and sends it only when asked', () => {
    const differ = differOf(ct(101, 'running', 0.1, 60), ct(102, 'stopped', 0, 0));
    const later = [ct(101, 'running', 0.7, 70), ct(102, 'stopped', 0, 0)];
    expect(differ.stage(later), 'usage alone is no state change').toBe(false);
    expect(differ.take(false)).toEqual({ changed: [], removed: [] });
    expect(differ.current(), 'the streams still hold the old usage').toEqual([
      ct(101, 'running', 0.1, 60),
      ct(102, 'stopped', 0, 0),
    ]);
    differ.stage(later);
    expect(differ.take(true).changed, 'only the row whose usage moved').toEqual([
      ct(101, 'running', 0.7, 70),
    ]);
  });

  it('sends a row changed in state whole, with its usage as read', () => {
    const differ = differOf(ct(101, 'running', 0.1, 60));
    differ.stage([ct(101, 'stopped', 0, 0)]);
    expect(differ.take(false).changed).toEqual([ct(101, 'stopped', 0, 0)]);
    differ.stage([ct(101, 'stopped', 0, 0)]);
    expect(differ.take(true).changed, 'its usage went with the state change').toEqual([]);
  });

  it('reports nothing when the list is the same', () => {
    const differ = differOf(ct(101, 'running', 0.5));
    expect(differ.stage([ct(101, 'running', 0.5)])).toBe(false);
    expect(differ.take(true)).toEqual({ changed: [], removed: [] });
    expect(differ.current()).toEqual([ct(101, 'running', 0.5)]);
  });
});
