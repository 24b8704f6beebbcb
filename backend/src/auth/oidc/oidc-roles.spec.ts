import { describe, expect, it } from 'vitest';
import { parseRoleMap } from '../../config/oidc-config.schema.js';
import { OidcFlows } from './oidc-flows.js';
import { groupsOf, roleFor, usernameCandidates } from './oidc-roles.js';

describe('roleFor', () => {
  const map = parseRoleMap('proxicloud-admins:admin, staff:viewer,ops:team:operator');

  it('reads group:role pairs, splitting at the last colon', () => {
    expect(map).toEqual({ 'proxicloud-admins': 'admin', staff: 'viewer', 'ops:team': 'operator' });
  });

  it('gives the strongest mapped role', () => {
    expect(roleFor(['staff', 'proxicloud-admins'], map)).toBe('admin');
    expect(roleFor(['ops:team', 'staff'], map)).toBe('operator');
  });

  it('gives none when no group maps, so the sign-in is refused', () => {
    expect(roleFor(['contractors'], map)).toBeUndefined();
    expect(roleFor([], map)).toBeUndefined();
  });
});

describe('groupsOf', () => {
  it('takes a list or a single string and ignores anything else', () => {
    expect(groupsOf(['a', 1, 'b'])).toEqual(['a', 'b']);
    expect(groupsOf('a')).toEqual(['a']);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf({ a: 1 })).toEqual([]);
  });
});

describe('usernameCandidates', () => {
  it('prefers preferred_username, then the e-mail, then fallbacks, all valid usernames', () => {
    const names = usernameCandidates(
      { preferred_username: 'Jane Doe', email: 'jane@corp.com' },
      'abc',
    );
    expect(names[0]).toBe('Jane-Doe');
    expect(names).toContain('jane@corp.com');
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/);
  });
});

describe('OidcFlows', () => {
  const flow = { state: 's', nonce: 'n', codeVerifier: 'v', redirectUri: 'https://x/cb' };

  it('hands a flow out once', () => {
    const flows = new OidcFlows();
    const id = flows.add(flow);
    expect(flows.take(id)?.state).toBe('s');
    expect(flows.take(id)).toBeUndefined();
    expect(flows.take(undefined)).toBeUndefined();
  });

  it('forgets a flow after ten minutes', () => {
    const flows = new OidcFlows();
    const id = flows.add(flow, 0);
    expect(flows.take(id, 10 * 60_000 + 1)).toBeUndefined();
  });
});
