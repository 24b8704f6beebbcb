import { aContainer } from '../../testing/fakes';
import {
  EMPTY_FILTER,
  canRun,
  collectTags,
  countByStatus,
  filterContainers,
  sortContainers,
  whyNot,
} from './container-list';

const list = [
  aContainer({ vmid: 101, name: 'web-1', tags: ['web', 'prod'] }),
  aContainer({ vmid: 102, name: 'db-1', status: 'stopped', node: 'pve2', tags: ['db'] }),
  aContainer({ vmid: 103, name: 'cache', status: 'unknown', node: 'pve3', mem: 500 * 1024 ** 2 }),
];

describe('filterContainers', () => {
  it('returns everything for an empty filter', () =>
    expect(filterContainers(list, EMPTY_FILTER)).toHaveLength(3));
  it('keeps only what the selector matched on the server', () => {
    const matched = new Set([101, 103]);
    expect(
      filterContainers(list, { ...EMPTY_FILTER, text: 'x', matched }).map((c) => c.vmid),
    ).toEqual([101, 103]);
    expect(filterContainers(list, { ...EMPTY_FILTER, matched: new Set() })).toHaveLength(0);
  });
  it('keeps only containers without a recent backup when asked', () => {
    const withoutBackup = new Set([102]);
    expect(filterContainers(list, { ...EMPTY_FILTER, withoutBackup }).map((c) => c.vmid)).toEqual([
      102,
    ]);
    expect(filterContainers(list, { ...EMPTY_FILTER, withoutBackup: null })).toHaveLength(3);
  });
  it('narrows by status, node and tag together', () => {
    expect(
      filterContainers(list, { ...EMPTY_FILTER, statuses: ['stopped', 'unknown'] }),
    ).toHaveLength(2);
    expect(filterContainers(list, { ...EMPTY_FILTER, node: 'pve2' }).map((c) => c.vmid)).toEqual([
      102,
    ]);
    expect(filterContainers(list, { ...EMPTY_FILTER, tags: ['db', 'web'] })).toHaveLength(2);
    expect(filterContainers(list, { ...EMPTY_FILTER, tags: ['db'], node: 'pve1' })).toHaveLength(0);
  });
});

describe('sortContainers', () => {
  it('sorts by name ascending and descending', () => {
    expect(sortContainers(list, { key: 'name', direction: 'asc' }).map((c) => c.name)).toEqual([
      'cache',
      'db-1',
      'web-1',
    ]);
    expect(sortContainers(list, { key: 'name', direction: 'desc' })[0].name).toBe('web-1');
  });
  it('sorts memory by share of the limit', () =>
    expect(sortContainers(list, { key: 'mem', direction: 'desc' })[0].vmid).toBe(103));
  it('breaks ties by vmid and does not mutate the input', () => {
    const sorted = sortContainers(list, { key: 'cpu', direction: 'asc' });
    expect(sorted.map((c) => c.vmid)).toEqual([101, 102, 103]);
    expect(sorted).not.toBe(list);
  });
});

describe('collectTags and countByStatus', () => {
  it('lists each tag once, sorted', () => expect(collectTags(list)).toEqual(['db', 'prod', 'web']));
  it('counts containers per status', () =>
    expect(countByStatus(list)).toEqual({ running: 1, stopped: 1, unknown: 1 }));
});

describe('canRun and whyNot', () => {
  it('starts only stopped containers', () => {
    expect(canRun('start', { status: 'stopped', template: false })).toBe(true);
    expect(canRun('start', { status: 'running', template: false })).toBe(false);
    expect(whyNot('start', { status: 'running', template: false })).toBe('Already running');
  });
  it('shuts down, stops and reboots only running containers', () => {
    expect(canRun('shutdown', { status: 'running', template: false })).toBe(true);
    expect(canRun('reboot', { status: 'stopped', template: false })).toBe(false);
    expect(canRun('stop', { status: 'paused', template: false })).toBe(true);
  });
  it('refuses everything on an offline node, a template or a lock, and says why', () => {
    expect(whyNot('stop', { status: 'unknown', template: false })).toBe(
      'Its node is offline: status unknown',
    );
    expect(whyNot('start', { status: 'stopped', template: true })).toBe(
      'Templates cannot be started',
    );
    expect(whyNot('start', { status: 'stopped', template: false, lock: 'backup' })).toBe(
      'Locked (backup)',
    );
  });
});
