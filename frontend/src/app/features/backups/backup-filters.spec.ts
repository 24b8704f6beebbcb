import { aBackup } from '../../testing/backup-fakes';
import { describeAge, filterBackups, jobGuests, storagesOf } from './backup-filters';

const a = aBackup({ volid: 'local:backup/a', storage: 'local', vmid: 101 });
const b = aBackup({ volid: 'nfs:backup/b', storage: 'nfs', vmid: 1010 });

describe('backup filters', () => {
  it('filters by storage and by the exact CT id', () => {
    expect(filterBackups([a, b], { storage: '', vmid: '' })).toEqual([a, b]);
    expect(filterBackups([a, b], { storage: 'nfs', vmid: '' })).toEqual([b]);
    expect(filterBackups([a, b], { storage: '', vmid: ' 101 ' })).toEqual([a]);
    expect(filterBackups([a, b], { storage: 'nfs', vmid: '101' })).toEqual([]);
  });

  it('offers each storage that holds a backup once, sorted', () => {
    expect(storagesOf([b, a, b])).toEqual(['local', 'nfs']);
  });

  it('says which guests a job backs up and how old a last backup is', () => {
    const job = { id: 'j', enabled: true, all: false, vmids: [101, 102] };
    expect(jobGuests(job)).toBe('CT 101, 102');
    expect(jobGuests({ ...job, all: true })).toBe('All guests');
    const f = { vmid: 1, name: 'x', node: 'pve1', stale: true, lastBackupAt: null, ageDays: null };
    expect(describeAge(f)).toBe('never');
    expect(describeAge({ ...f, ageDays: 1 })).toBe('1 day');
    expect(describeAge({ ...f, ageDays: 8.5 })).toBe('8.5 days');
  });
});
