import { describe, expect, it } from 'vitest';
import { ALL_PRIVILEGES, ROLES, expandPrivileges } from './privileges.js';

describe('built-in roles (AccessControl.pm create_roles)', () => {
  it('gives PVEVMAdmin the VM group only: no SDN.Use, no Sys.Audit', () => {
    expect(ROLES.PVEVMAdmin).toEqual(
      [
        'VM.Allocate',
        'VM.Audit',
        'VM.Backup',
        'VM.Clone',
        'VM.Config.CDROM',
        'VM.Config.CPU',
        'VM.Config.Cloudinit',
        'VM.Config.Disk',
        'VM.Config.HWType',
        'VM.Config.Memory',
        'VM.Config.Network',
        'VM.Config.Options',
        'VM.Console',
        'VM.GuestAgent.Audit',
        'VM.GuestAgent.FileRead',
        'VM.GuestAgent.FileSystemMgmt',
        'VM.GuestAgent.FileWrite',
        'VM.GuestAgent.Unrestricted',
        'VM.Migrate',
        'VM.PowerMgmt',
        'VM.Replicate',
        'VM.Snapshot',
        'VM.Snapshot.Rollback',
      ].sort(),
    );
  });

  it('keeps Datastore.AllocateTemplate for PVEDatastoreAdmin', () => {
    expect(ROLES.PVEDatastoreUser).toEqual(['Datastore.AllocateSpace', 'Datastore.Audit']);
    expect(ROLES.PVEDatastoreAdmin).toContain('Datastore.AllocateTemplate');
  });

  it('builds the auditor, SDN, template and admin roles as PVE does', () => {
    expect(ROLES.PVEAuditor).toEqual([
      'Datastore.Audit',
      'Mapping.Audit',
      'Pool.Audit',
      'SDN.Audit',
      'Sys.Audit',
      'VM.Audit',
      'VM.GuestAgent.Audit',
    ]);
    expect(ROLES.PVESDNUser).toEqual(['SDN.Audit', 'SDN.Use']);
    expect(ROLES.PVETemplateUser).toEqual(['VM.Audit', 'VM.Clone']);
    expect(ROLES.PVESysAdmin).toEqual(['Sys.Audit', 'Sys.Console', 'Sys.Syslog']);
    expect(ROLES.PVESysUser).toBeUndefined();
    expect(ROLES.PVEAdmin).not.toContain('Mapping.Modify');
    expect(ROLES.PVEAdmin).not.toContain('Sys.Modify');
    expect(ROLES.NoAccess).toEqual([]);
    expect(ROLES.Administrator).toEqual(ALL_PRIVILEGES);
    expect(ALL_PRIVILEGES).toContain('Permissions.Modify');
  });

  it('expands custom roles after the built-in ones and takes unknown names as privileges', () => {
    const custom = { ProxiCloud: ['VM.Audit', 'SDN.Use'] };
    expect([...expandPrivileges(['ProxiCloud', 'Sys.Modify'], custom)]).toEqual([
      'VM.Audit',
      'SDN.Use',
      'Sys.Modify',
    ]);
  });
});
