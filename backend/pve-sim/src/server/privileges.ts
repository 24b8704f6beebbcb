/**
 * PVE 9 privileges and built-in roles, generated the way pve-access-control does it
 * (PVE/AccessControl.pm: `$privgroups` and `create_roles`), so a role here holds exactly what it
 * holds on a real node: PVEVMAdmin has no SDN.Use or Sys.Audit, PVEDatastoreUser no
 * Datastore.AllocateTemplate. Anything else an admin grants through a custom role (`pveum role add`),
 * which a scenario declares in `roles`.
 */
interface PrivGroup {
  root: string[];
  admin: string[];
  user: string[];
  audit: string[];
}

const PRIVGROUPS: Record<string, PrivGroup> = {
  VM: {
    root: [],
    admin: [
      'VM.Config.Disk',
      'VM.Config.CPU',
      'VM.Config.Memory',
      'VM.Config.Network',
      'VM.Config.HWType',
      'VM.Config.Options',
      'VM.Allocate',
      'VM.Clone',
      'VM.GuestAgent.Unrestricted',
      'VM.Migrate',
      'VM.Replicate',
      'VM.Snapshot',
      'VM.Snapshot.Rollback',
    ],
    user: [
      'VM.Config.CDROM',
      'VM.Config.Cloudinit',
      'VM.Console',
      'VM.Backup',
      'VM.GuestAgent.FileRead',
      'VM.GuestAgent.FileSystemMgmt',
      'VM.GuestAgent.FileWrite',
      'VM.PowerMgmt',
    ],
    audit: ['VM.Audit', 'VM.GuestAgent.Audit'],
  },
  Sys: {
    root: ['Sys.PowerMgmt', 'Sys.Modify', 'Sys.Incoming', 'Sys.AccessNetwork'],
    admin: ['Sys.Console', 'Sys.Syslog'],
    user: [],
    audit: ['Sys.Audit'],
  },
  Datastore: {
    root: [],
    admin: ['Datastore.Allocate', 'Datastore.AllocateTemplate'],
    user: ['Datastore.AllocateSpace'],
    audit: ['Datastore.Audit'],
  },
  SDN: {
    root: [],
    admin: ['SDN.Allocate', 'SDN.Audit'],
    user: ['SDN.Use'],
    audit: ['SDN.Audit'],
  },
  User: {
    root: ['Realm.Allocate'],
    admin: ['User.Modify', 'Group.Allocate', 'Realm.AllocateUser'],
    user: [],
    audit: [],
  },
  Pool: {
    root: [],
    admin: ['Pool.Allocate'],
    user: ['Pool.Audit'],
    audit: ['Pool.Audit'],
  },
  Mapping: {
    root: [],
    admin: ['Mapping.Modify'],
    user: ['Mapping.Use'],
    audit: ['Mapping.Audit'],
  },
};

/** Every valid privilege: the groups' and Permissions.Modify, which is in no group. */
export const ALL_PRIVILEGES: readonly string[] = [
  ...new Set([
    'Permissions.Modify',
    ...Object.values(PRIVGROUPS).flatMap((g) => [...g.root, ...g.admin, ...g.user, ...g.audit]),
  ]),
].sort();

/** AccessControl.pm `create_roles`, line by line. */
function createRoles(): Record<string, readonly string[]> {
  const roles: Record<string, Set<string>> = {};
  const add = (role: string, privs: string[]): void => {
    roles[role] ??= new Set();
    for (const p of privs) roles[role].add(p);
  };
  for (const [cat, g] of Object.entries(PRIVGROUPS)) {
    add(`PVE${cat}Admin`, [...g.admin, ...g.user, ...g.audit]);
    add('PVEAdmin', [...g.admin, ...g.user, ...g.audit]);
    if (g.user.length) add(`PVE${cat}User`, [...g.user, ...g.audit]);
    add('PVEAuditor', g.audit);
  }
  // only Administrator, root@pam and PVEMappingAdmin may modify mappings
  roles.PVEAdmin.delete('Mapping.Modify');
  add('PVETemplateUser', ['VM.Clone', 'VM.Audit']);
  const out: Record<string, readonly string[]> = {
    NoAccess: [],
    Administrator: ALL_PRIVILEGES,
  };
  for (const [name, privs] of Object.entries(roles)) out[name] = [...privs].sort();
  return out;
}

/** The built-in roles of a PVE 9 node (`pveum role list` with special=1). */
export const ROLES: Readonly<Record<string, readonly string[]>> = createRoles();

/** Custom roles by name, as `pveum role add NAME --privs ...` creates them. */
export type CustomRoles = Readonly<Record<string, readonly string[]>>;

/**
 * Role names expand to their privileges (built-in first, then custom roles); anything else is
 * taken as a privilege name, so a scenario can grant single privileges directly.
 */
export function expandPrivileges(names: readonly string[], custom: CustomRoles = {}): Set<string> {
  const out = new Set<string>();
  for (const n of names) for (const p of ROLES[n] ?? custom[n] ?? [n]) out.add(p);
  return out;
}

export type Acl = Map<string, Set<string>>;

export function toAcl(spec: Record<string, string[]> | undefined, custom?: CustomRoles): Acl {
  return new Map(
    Object.entries(spec ?? {}).map(([path, names]) => [
      normalize(path),
      expandPrivileges(names, custom),
    ]),
  );
}

function normalize(path: string): string {
  const p = '/' + path.split('/').filter(Boolean).join('/');
  return p;
}

function applies(aclPath: string, target: string): boolean {
  return aclPath === '/' || target === aclPath || target.startsWith(aclPath + '/');
}

/** Privileges on `path`: ACLs propagate from every ancestor path (as propagate=1 does). */
export function privilegesAt(acl: Acl, path: string): Set<string> {
  const target = normalize(path);
  const out = new Set<string>();
  for (const [p, privs] of acl) if (applies(p, target)) for (const x of privs) out.add(x);
  return out;
}
