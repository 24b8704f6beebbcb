import { aBackup } from '../../../testing/backup-fakes';
import { aContainerDetail } from '../../../testing/fakes';
import {
  archiveName,
  deleteBackupBlocker,
  restoreOverBlocker,
  restoreOverWarning,
  toBackupRequest,
} from './backup-values';

describe('backup values', () => {
  it('sends the backup form without empty fields and protected only when set', () => {
    const form = { storage: '', mode: 'stop' as const, compress: 'gzip' as const, notes: '  ' };
    expect(toBackupRequest({ ...form, protected: false })).toEqual({
      mode: 'stop',
      compress: 'gzip',
    });
    expect(toBackupRequest({ ...form, storage: 'nfs', notes: ' x ', protected: true })).toEqual({
      mode: 'stop',
      compress: 'gzip',
      storage: 'nfs',
      notes: 'x',
      protected: true,
    });
  });

  it('lets a restore overwrite only a stopped, unlocked, unprotected container', () => {
    expect(restoreOverBlocker(aContainerDetail({ status: 'running' }))).toMatch(/Stop the/);
    expect(restoreOverBlocker(aContainerDetail({ status: 'stopped', lock: 'backup' }))).toMatch(
      /Locked \(backup\)/,
    );
    const stopped = aContainerDetail({ status: 'stopped' });
    expect(restoreOverBlocker(stopped)).toBe('');
    const config = { ...stopped.config!, protection: true };
    expect(restoreOverBlocker({ ...stopped, config })).toMatch(/Protected/);
  });

  it('names the container and the backup that replaces it before a restore over it', () => {
    const text = restoreOverWarning(aContainerDetail(), aBackup({ storage: 'nfs' }));
    expect(text).toMatch(/^CT 101 \(web-1\) is overwritten/);
    expect(text).toContain('on nfs (300.0 MiB)');
    expect(text).toContain('cannot be undone');
  });

  it('explains why a protected backup cannot be deleted', () => {
    expect(deleteBackupBlocker(aBackup())).toBe('');
    expect(deleteBackupBlocker(aBackup({ protected: true }))).toMatch(/Remove its protection/);
    expect(archiveName(aBackup())).toBe('vzdump-lxc-101-2026_12_04-18_00_00.tar.zst');
  });
});
