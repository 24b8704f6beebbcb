import { NAV_ITEMS, activeNavPath, visibleNavItems } from './nav-items';

describe('activeNavPath', () => {
  it('highlights the section of a nested page', () =>
    expect(activeNavPath('/containers/101')).toBe('/containers'));
  it('prefers the more specific entry for the wizard', () =>
    expect(activeNavPath('/containers/new')).toBe('/containers/new'));
  it('ignores query strings and partial segment matches', () => {
    expect(activeNavPath('/tasks?upid=x')).toBe('/tasks');
    expect(activeNavPath('/containersX')).toBeNull();
  });
});

describe('visibleNavItems', () => {
  const paths = (role: Parameters<typeof visibleNavItems>[1]) =>
    visibleNavItems(NAV_ITEMS, role).map((i) => i.path);
  it('shows user and token administration to admins only', () => {
    expect(paths('admin')).toEqual(expect.arrayContaining(['/users', '/tokens']));
    expect(paths('operator')).not.toContain('/users');
    expect(paths('viewer')).not.toContain('/tokens');
  });
  it('hides creating containers from roles that may not', () => {
    expect(paths('operator')).not.toContain('/containers/new');
    expect(paths('admin')).toContain('/containers/new');
  });
});
