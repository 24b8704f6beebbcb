import { describe, expect, it } from 'vitest';
import type { ContainerSummaryDto } from '../containers/dto/container.dto.js';
import { ContainerDiffer } from './container-diff.js';

const ct = (vmid: number, status = 'running', cpu = 0.1): ContainerSummaryDto =>
  ({ vmid, name: `ct-${vmid}`, node: 'pve1', status, cpu }) as ContainerSummaryDto;

describe('ContainerDiffer', () => {
  it('has no base before the first list, and then every container is new', () => {
    const differ = new ContainerDiffer();
    expect(differ.hasBase).toBe(false);
    expect(differ.next([ct(101), ct(102)])).toEqual({ changed: [ct(101), ct(102)], removed: [] });
    expect(differ.hasBase).toBe(true);
  });

  it('reports only the containers whose fields changed, and those gone', () => {
    const differ = new ContainerDiffer();
    differ.next([ct(101), ct(102), ct(103)]);
    const diff = differ.next([ct(101), ct(102, 'stopped'), ct(104)]);
    expect(diff.changed).toEqual([ct(102, 'stopped'), ct(104)]);
    expect(diff.removed).toEqual([103]);
  });

  it('reports nothing when the list is the same', () => {
    const differ = new ContainerDiffer();
    differ.next([ct(101, 'running', 0.5)]);
    expect(differ.next([ct(101, 'running', 0.5)])).toEqual({ changed: [], removed: [] });
    expect(differ.current()).toEqual([ct(101, 'running', 0.5)]);
  });
});
