import { BackupDto } from '../api/models';

/** A vzdump archive of CT 101 made `daysAgo` days before now. */
export function aBackup(overrides: Partial<BackupDto> = {}, daysAgo = 2): BackupDto {
  const ctime = Math.floor(Date.now() / 1000) - daysAgo * 86_400;
  return {
    volid: 'local:backup/vzdump-lxc-101-2026_12_04-18_00_00.tar.zst',
    vmid: 101,
    storage: 'local',
    node: 'pve1',
    size: 300 * 1024 ** 2,
    ctime,
    notes: 'web-1',
    protected: false,
    format: 'tar.zst',
    ...overrides,
  };
}
