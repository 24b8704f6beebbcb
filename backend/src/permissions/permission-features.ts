/**
 * What each console feature needs from the Proxmox token, after NOTES.md §10. Paths are the
 * broadest ones the console acts on; a grant on a narrower path makes the feature partial.
 */
export interface PrivilegeNeed {
  privilege: string;
  path: string;
  /** any one of these privileges is enough (e.g. storage listing) */
  alternatives?: string[];
}

export interface FeatureSpec {
  feature: string;
  label: string;
  needs: PrivilegeNeed[];
}

export const FEATURES: FeatureSpec[] = [
  {
    feature: 'inspect',
    label: 'List and inspect containers (status, config, addresses, metrics)',
    // the address source reads .../config and .../interfaces: both VM.Audit (apidoc.json)
    needs: [{ privilege: 'VM.Audit', path: '/vms' }],
  },
  {
    feature: 'power',
    label: 'Start, stop, shut down and reboot containers',
    needs: [{ privilege: 'VM.PowerMgmt', path: '/vms' }],
  },
  {
    feature: 'create',
    label: 'Create containers',
    // pve-container API2/LXC.pm create_vm -> check_ct_modify_config_perm checks every key the
    // create sets: cores/cpulimit (CPU), memory/swap (Memory), rootfs (Disk), net[n] (Network),
    // hostname/ostype/features/... (Options); a privileged CT also needs Sys.Modify on / (below)
    needs: [
      { privilege: 'VM.Allocate', path: '/vms' },
      { privilege: 'VM.Config.CPU', path: '/vms' },
      { privilege: 'VM.Config.Memory', path: '/vms' },
      { privilege: 'VM.Config.Disk', path: '/vms' },
      { privilege: 'VM.Config.Network', path: '/vms' },
      { privilege: 'VM.Config.Options', path: '/vms' },
      { privilege: 'Datastore.AllocateSpace', path: '/storage' },
      // PVE 8+ checks it for the bridge of every net[n]; plain Linux bridges live in this zone
      { privilege: 'SDN.Use', path: '/sdn/zones/localnetwork' },
    ],
  },
  {
    feature: 'create-privileged',
    label: 'Create privileged containers (unprivileged off)',
    // API2/LXC.pm create_vm: `$rpcenv->check($authuser, '/', ['Sys.Modify']) if !$unprivileged`
    needs: [{ privilege: 'Sys.Modify', path: '/' }],
  },
  {
    feature: 'delete',
    label: 'Delete containers',
    needs: [{ privilege: 'VM.Allocate', path: '/vms' }],
  },
  {
    feature: 'configure',
    label: 'Change container settings: resources, name, tags, DNS, networks, protection',
    // PVE::LXC::check_ct_modify_config_perm asks per key; network changes also need the bridge
    needs: [
      { privilege: 'VM.Config.CPU', path: '/vms' },
      { privilege: 'VM.Config.Memory', path: '/vms' },
      { privilege: 'VM.Config.Network', path: '/vms' },
      { privilege: 'VM.Config.Options', path: '/vms' },
      { privilege: 'SDN.Use', path: '/sdn/zones/localnetwork' },
    ],
  },
  {
    feature: 'resize',
    label: 'Grow container disks',
    // resize_vm: VM.Config.Disk by its schema, VM.Config.Options for its disk/size parameters
    // (check_ct_modify_config_perm), Datastore.AllocateSpace on the disk's storage
    needs: [
      { privilege: 'VM.Config.Disk', path: '/vms' },
      { privilege: 'VM.Config.Options', path: '/vms' },
      { privilege: 'Datastore.AllocateSpace', path: '/storage' },
    ],
  },
  {
    feature: 'snapshots',
    label: 'Take and delete container snapshots',
    needs: [{ privilege: 'VM.Snapshot', path: '/vms' }],
  },
  {
    feature: 'rollback',
    label: 'Roll containers back to a snapshot',
    needs: [{ privilege: 'VM.Snapshot.Rollback', path: '/vms', alternatives: ['VM.Snapshot'] }],
  },
  {
    feature: 'templates',
    label: 'Download templates to node storage',
    needs: [{ privilege: 'Datastore.AllocateTemplate', path: '/storage' }],
  },
  {
    feature: 'storage',
    label: 'List storages and their templates',
    // pve-storage lists a storage with Datastore.Audit OR Datastore.AllocateSpace on it
    needs: [
      { privilege: 'Datastore.Audit', path: '/storage', alternatives: ['Datastore.AllocateSpace'] },
    ],
  },
  {
    feature: 'backup',
    label: 'Back up containers, restore and delete backups',
    needs: [
      { privilege: 'VM.Backup', path: '/vms' },
      { privilege: 'Datastore.AllocateSpace', path: '/storage' },
    ],
  },
  {
    feature: 'console',
    label: 'Open a terminal in a container',
    needs: [{ privilege: 'VM.Console', path: '/vms' }],
  },
  {
    feature: 'nodes',
    label: 'Node status, metrics and other users\u2019 tasks',
    needs: [{ privilege: 'Sys.Audit', path: '/nodes' }],
  },
];
