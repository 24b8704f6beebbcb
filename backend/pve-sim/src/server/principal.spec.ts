import { describe, expect, it } from 'vitest';
import { hasPrivilege, privileges } from './principal.js';
import { toAcl } from './privileges.js';

const user = toAcl({ '/vms': ['PVEVMUser'], '/storage/local': ['Datastore.Audit'] });

describe('privileges', () => {
  it('propagate from a path to everything below it, and no further', () => {
    const p = { userid: 'alice@pve', userAcl: user };
    expect(hasPrivilege(p, '/vms/101', 'VM.PowerMgmt')).toBe(true);
    expect(hasPrivilege(p, '/vmsx', 'VM.PowerMgmt')).toBe(false);
    expect(hasPrivilege(p, '/', 'VM.PowerMgmt')).toBe(false);
    expect(hasPrivilege(p, '/storage/local-lvm', 'Datastore.Audit')).toBe(false);
  });

  it("give a privilege-separated token the intersection of its and its user's rights", () => {
    const token = {
      userid: 'alice@pve',
      tokenid: 'alice@pve!t',
      userAcl: user,
      tokenAcl: toAcl({ '/': ['Administrator'] }),
    };
    expect([...privileges(token, '/vms/101')].sort()).toEqual(
      [...privileges({ userid: 'alice@pve', userAcl: user }, '/vms/101')].sort(),
    );
    expect(hasPrivilege(token, '/vms/101', 'VM.Allocate')).toBe(false);
  });

  it('let root@pam do anything unless a separated token restricts it', () => {
    const root = { userid: 'root@pam', userAcl: toAcl({}) };
    expect(hasPrivilege(root, '/nodes/pve1', 'Sys.PowerMgmt')).toBe(true);
    const token = { ...root, tokenid: 'root@pam!ro', tokenAcl: toAcl({ '/': ['PVEAuditor'] }) };
    expect(hasPrivilege(token, '/vms/100', 'VM.Audit')).toBe(true);
    expect(hasPrivilege(token, '/vms/100', 'VM.PowerMgmt')).toBe(false);
  });
});
