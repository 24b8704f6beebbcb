import { readFileSync } from 'node:fs';

/** The cluster a simulator run starts from (data/scenarios/*.json or a user's file). */
export interface Scenario {
  name: string;
  clusterName?: string;
  /** the PVE release played, e.g. '8.4' (default 9.1; `--pve-version` overrides it) */
  pveVersion?: string;
  nodes: ScenarioNode[];
  storages: ScenarioStorage[];
  templates: { file: string; size: number }[];
  pools: { poolid: string; comment?: string }[];
  guests: ScenarioGuest[];
  users: ScenarioUser[];
  /** jobs.cfg `vzdump` sections (GET /cluster/backup) */
  backupJobs?: BackupJob[];
  /** vzdump archives already on a backup storage, `ageDays` old */
  backups?: {
    vmid: number;
    ageDays: number;
    storage: string;
    notes?: string;
    protected?: boolean;
  }[];
  /** custom roles, as `pveum role add NAME --privs ...` makes them: name -> privileges */
  roles?: Record<string, string[]>;
}

/** A scheduled backup job as jobs.cfg holds it (id, schedule, storage, mode, vmid or all, ...). */
export interface BackupJob {
  id: string;
  schedule: string;
  storage: string;
  mode?: 'snapshot' | 'suspend' | 'stop';
  compress?: string;
  enabled?: number;
  all?: number;
  vmid?: string;
  comment?: string;
  'notes-template'?: string;
}

export interface ScenarioNode {
  name: string;
  ip: string;
  cpus: number;
  memoryGiB: number;
  rootfsGiB: number;
  uptimeDays: number;
  /**
   * PVE 9 only: hours since this node was upgraded from PVE 8; its rrddata then mixes the old
   * `pve2-*` files' points (PVE 8 steps) with the new ones, as on a freshly upgraded node.
   */
  upgradedHoursAgo?: number;
}

export interface ScenarioStorage {
  storage: string;
  type: 'dir' | 'lvmthin';
  content: string;
  totalGiB: number;
}

export interface ScenarioGuest {
  vmid: number;
  type: 'lxc' | 'qemu';
  node: string;
  name: string;
  status: 'running' | 'stopped';
  cores: number;
  memory: number;
  swap?: number;
  diskGiB: number;
  ostype?: string;
  tags?: string;
  pool?: string;
  template?: boolean;
  ageDays: number;
  uptimeHours?: number;
  stoppedHours?: number;
  ip?: string;
  /** an HA resource with this requested state (ha/resources.cfg) */
  ha?: 'started' | 'stopped';
}

export interface ScenarioToken {
  tokenid: string;
  secret: string;
  privsep?: boolean;
  privileges?: Record<string, string[]>;
}

export interface ScenarioUser {
  userid: string;
  password?: string;
  privileges: Record<string, string[]>;
  tokens?: ScenarioToken[];
}

const BUILT_IN = ['default', 'tiny'];

export function loadScenario(nameOrFile = 'default'): Scenario {
  if (nameOrFile === 'large') return largeScenario();
  const url = BUILT_IN.includes(nameOrFile)
    ? new URL(`../../data/scenarios/${nameOrFile}.json`, import.meta.url)
    : nameOrFile;
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as Scenario;
  } catch (err) {
    throw new Error(`cannot load scenario '${nameOrFile}': ${(err as Error).message}`);
  }
}

const OS = ['debian', 'ubuntu', 'alpine', 'debian'];
const ROLES = ['web', 'api', 'db', 'cache', 'worker', 'ci', 'mq', 'search'];

/** 10 nodes and 1,000 CTs, built from the default scenario's storages, templates and users. */
export function largeScenario(): Scenario {
  const base = loadScenario('default');
  const nodes = Array.from({ length: 10 }, (_, i) => ({
    name: `pve${i + 1}`,
    ip: `10.0.1.${i + 10}`,
    cpus: 64,
    memoryGiB: 512,
    rootfsGiB: 96,
    uptimeDays: 20 + i,
  }));
  const guests: ScenarioGuest[] = Array.from({ length: 1000 }, (_, i) => {
    const role = ROLES[i % ROLES.length];
    const running = i % 5 !== 0;
    return {
      vmid: 1000 + i,
      type: 'lxc',
      node: nodes[i % nodes.length].name,
      name: `${role}-${String(i).padStart(4, '0')}`,
      status: running ? 'running' : 'stopped',
      cores: 1 + (i % 4),
      memory: 512 * (1 + (i % 8)),
      swap: 512,
      diskGiB: 4 + (i % 5) * 4,
      ostype: OS[i % OS.length],
      tags: `${role};${i % 3 === 0 ? 'prod' : 'dev'}`,
      ageDays: 10 + (i % 300),
      ...(running ? { uptimeHours: 1 + (i % 500) } : { stoppedHours: 1 + (i % 200) }),
      ip: `10.20.${Math.floor(i / 250)}.${(i % 250) + 2}/16`,
    };
  });
  const storages = base.storages.map((s) => (s.type === 'lvmthin' ? { ...s, totalGiB: 8192 } : s));
  return { ...base, name: 'large', clusterName: 'bigcluster', nodes, storages, guests };
}
