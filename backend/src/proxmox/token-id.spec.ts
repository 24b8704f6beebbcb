import { describe, expect, it } from 'vitest';
import { isTokenId, splitTokenId } from './token-id.js';
import { parseUpid } from './upid.js';

describe('API token ids', () => {
  it('accept user names holding @ (OIDC, LDAP e-mail users) as PVE does', () => {
    expect(isTokenId('jane@corp.com@oidc!x')).toBe(true);
    expect(isTokenId('root@pam!console')).toBe(true);
    expect(splitTokenId('jane@corp.com@oidc!x')).toEqual({
      user: 'jane@corp.com@oidc',
      token: 'x',
    });
    expect(splitTokenId('jane@corp.com@oidc')).toEqual({ user: 'jane@corp.com@oidc' });
  });

  it('refuse what pve-access-control refuses', () => {
    for (const bad of [
      'root@pam',
      'root!x',
      'a b@pve!x',
      'a:b@pve!x',
      'a/b@pve!x',
      'root@p!x', // realm of one character
      'root@pam!1x', // token names start with a letter
      'root@pam!', // and have one
      'root@pam!x=secret',
      `${'u'.repeat(61)}@pam!x`, // user id longer than 64
    ])
      expect(isTokenId(bad), bad).toBe(false);
  });

  it('split a task owner after the realm, not at the first !', () => {
    const upid = 'UPID:pve1:0001E240:00ABCDEF:6745A1B2:vzstart:101:jane@corp.com@oidc!x:';
    expect(parseUpid(upid)).toMatchObject({ user: 'jane@corp.com@oidc', tokenid: 'x' });
  });
});
