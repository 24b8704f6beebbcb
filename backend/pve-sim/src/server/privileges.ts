/** PVE 9 privileges (pve-access-control PVE/AccessControl.pm) and the built-in roles we use. */
export const ALL_PRIVILEGES = [
  'Datastore.Allocate',
  'Datastore.AllocateSpace',
  'Datastore.AllocateTemplate',
  'Datastore.Audit',
  'Group.Allocate',
  'Mapping.Audit',
  'Mapping.Modify',
  'Mapping.Use',
  'Permissions.Modify',
  'Pool.Allocate',
  'Pool.Audit',
  'Realm.Allocate',
  'Realm.AllocateUser',
  'SDN.Allocate',
  'SDN.Audit',
  'SDN.Use',
  'Sys.AccessNetwork',
  'Sys.Audit',
  'Sys.Console',
  'Sys.Incoming',
  'Sys.Modify',
  'Sys.PowerMgmt',
  'Sys.Syslog',
  'User.Modify',
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
] as const;

const VM_USER = [
  'VM.Audit',
  'VM.Console',
  'VM.Backup',
  'VM.Config.CDROM',
  'VM.Config.Cloudinit',
  'VM.PowerMgmt',
  'VM.GuestAgent.Audit',
];

export const ROLES: Readonly<Record<string, readonly string[]>> = {
  Administrator: ALL_PRIVILEGES,
  PVEAuditor: [
    'Datastore.Audit',
    'Mapping.Audit',
    'Pool.Audit',
    'SDN.Audit',
    'Sys.Audit',
    'VM.Audit',
    'VM.GuestAgent.Audit',
  ],
  PVEVMUser: VM_USER,
  PVEVMAdmin: [
    ...VM_USER,
    'VM.Allocate',
    'VM.Clone',
    'VM.Config.CPU',
    'VM.Config.Disk',
    'VM.Config.HWType',
    'VM.Config.Memory',
    'VM.Config.Network',
    'VM.Config.Options',
    'VM.Migrate',
    'VM.Snapshot',
    'VM.Snapshot.Rollback',
    'VM.Replicate',
    'SDN.Use',
    'Sys.Audit',
  ],
  PVEDatastoreUser: ['Datastore.AllocateSpace', 'Datastore.AllocateTemplate', 'Datastore.Audit'],
  PVESDNUser: ['SDN.Audit', 'SDN.Use'],
};

/** Role names expand to their privileges; anything else is taken as a privilege name. */
export function expandPrivileges(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) for (const p of ROLES[n] ?? [n]) out.add(p);
  return out;
}

export type Acl = Map<string, Set<string>>;

export function toAcl(spec: Record<string, string[]> | undefined): Acl {
  return new Map(
    Object.entries(spec ?? {}).map(([path, names]) => [normalize(path), expandPrivileges(names)]),
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
