import { Role, roleAllows } from '../auth/roles';

export interface NavItem {
  readonly label: string;
  readonly icon: string;
  readonly path: string;
  /** Shown only to this role and up (pages the API would refuse anyway) */
  readonly role?: Role;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Dashboard', icon: 'space_dashboard', path: '/dashboard' },
  { label: 'Containers', icon: 'deployed_code', path: '/containers' },
  { label: 'Create container', icon: 'add_box', path: '/containers/new', role: 'admin' },
  { label: 'Templates', icon: 'inventory_2', path: '/templates' },
  { label: 'Backups', icon: 'settings_backup_restore', path: '/backups' },
  { label: 'Schedules', icon: 'schedule', path: '/schedules' },
  { label: 'Tasks', icon: 'checklist', path: '/tasks' },
  { label: 'Analytics', icon: 'monitoring', path: '/analytics' },
  { label: 'Alerts', icon: 'notifications', path: '/alerts' },
  { label: 'Activity', icon: 'history', path: '/activity' },
  { label: 'Proxmox access', icon: 'admin_panel_settings', path: '/settings' },
  { label: 'Users', icon: 'group', path: '/users', role: 'admin' },
  { label: 'API tokens', icon: 'key', path: '/tokens', role: 'admin' },
];

/**
 * The one nav entry to highlight: the longest entry path that the URL starts with, segment by
 * segment, so the wizard (/containers/new) lights up "Create container" and not "Containers".
 */
export function activeNavPath(url: string, items: readonly NavItem[] = NAV_ITEMS): string | null {
  const path = url.split(/[?#]/)[0];
  const matches = items
    .map((item) => item.path)
    .filter((p) => path === p || path.startsWith(p + '/'));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}

/** The entries the signed-in role may use; without a known role (no login yet) the open ones. */
export function visibleNavItems(items: readonly NavItem[], role: Role | null): NavItem[] {
  return items.filter((item) => !item.role || roleAllows(role, item.role));
}
