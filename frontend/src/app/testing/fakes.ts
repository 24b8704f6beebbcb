import {
  ContainerDetailDto,
  ContainerSummaryDto,
  DashboardDto,
  NodeDto,
  StorageDto,
  TaskDetailDto,
  TaskDto,
  TemplateDto,
} from '../api/models';
import { WizardValue } from '../features/create/create-request';

/** The API wraps lists with the time Proxmox answered and whether that answer is stale. */
export function listOf<T>(items: T[], stale = false) {
  return { items, stale, fetchedAt: new Date().toISOString() };
}

/** Test data builders: realistic defaults, overridden per test where it matters. */
export function aNode(overrides: Partial<NodeDto> = {}): NodeDto {
  return {
    node: 'pve1',
    status: 'online',
    cpu: 0.1,
    maxcpu: 8,
    mem: 4 * 1024 ** 3,
    maxmem: 32 * 1024 ** 3,
    disk: 10 * 1024 ** 3,
    maxdisk: 100 * 1024 ** 3,
    uptime: 86_400,
    containers: 2,
    ...overrides,
  };
}

export function aContainer(overrides: Partial<ContainerSummaryDto> = {}): ContainerSummaryDto {
  return {
    vmid: 101,
    name: 'web-1',
    node: 'pve1',
    status: 'running',
    cpu: 0.1,
    maxcpu: 2,
    mem: 256 * 1024 ** 2,
    maxmem: 512 * 1024 ** 2,
    disk: 1024 ** 3,
    maxdisk: 8 * 1024 ** 3,
    netin: 1000,
    netout: 2000,
    diskread: 0,
    diskwrite: 0,
    uptime: 3600,
    tags: [],
    template: false,
    ...overrides,
  };
}

export function aContainerDetail(overrides: Partial<ContainerDetailDto> = {}): ContainerDetailDto {
  return {
    ...aContainer(),
    fetchedAt: new Date().toISOString(),
    stale: false,
    partial: false,
    swap: 0,
    maxswap: 512 * 1024 ** 2,
    config: {
      hostname: 'web-1',
      ostype: 'debian',
      arch: 'amd64',
      cores: 2,
      memory: 512,
      swap: 512,
      unprivileged: true,
      onboot: false,
      protection: false,
      features: { nesting: '1', keyctl: '0' },
      rootfs: 'local-lvm:vm-101-disk-0',
      rootfsSize: '8G',
      networks: [
        { key: 'net0', name: 'eth0', bridge: 'vmbr0', ip: 'dhcp', firewall: false, tag: 20 },
      ],
      description: 'Intranet web server',
    },
    pending: [],
    ...overrides,
  };
}

export function aTask(overrides: Partial<TaskDto> = {}): TaskDto {
  return {
    upid: 'UPID:pve1:0001:0002:6745A1B2:vzstart:101:root@pam:',
    node: 'pve1',
    type: 'vzstart',
    id: '101',
    user: 'root@pam',
    starttime: 1_700_000_000,
    endtime: 1_700_000_004,
    status: 'stopped',
    exitstatus: 'OK',
    ok: true,
    ...overrides,
  };
}

export function aTaskDetail(overrides: Partial<TaskDetailDto> = {}): TaskDetailDto {
  return {
    ...aTask(),
    log: [],
    logTotal: 0,
    stale: false,
    fetchedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function aStorage(overrides: Partial<StorageDto> = {}): StorageDto {
  return {
    storage: 'local-lvm',
    node: 'pve1',
    type: 'lvmthin',
    content: ['rootdir', 'images'],
    total: 500 * 1024 ** 3,
    used: 100 * 1024 ** 3,
    avail: 400 * 1024 ** 3,
    shared: false,
    active: true,
    ...overrides,
  };
}

export function aTemplate(overrides: Partial<TemplateDto> = {}): TemplateDto {
  return {
    id: 'debian-13',
    name: 'Debian 13 (trixie)',
    os: 'debian',
    description: 'The current Debian stable.',
    curated: true,
    section: 'system',
    template: 'debian-13-standard_13.1-1_amd64.tar.zst',
    version: '13.1-1',
    defaults: { cores: 1, memory: 512, swap: 512, disk: 8 },
    available: [],
    ...overrides,
  };
}

export function aDashboard(overrides: Partial<DashboardDto> = {}): DashboardDto {
  return {
    containers: { running: 2, stopped: 1, unknown: 0, templates: 0, total: 3 },
    cpu: { used: 1.5, total: 16, fraction: 0.094 },
    memory: { used: 8 * 1024 ** 3, total: 64 * 1024 ** 3, fraction: 0.125 },
    storage: { used: 100 * 1024 ** 3, total: 1000 * 1024 ** 3, fraction: 0.1 },
    fetchedAt: new Date().toISOString(),
    stale: false,
    nodes: [aNode(), aNode({ node: 'pve2', status: 'offline' })],
    topConsumers: { cpu: [aContainer()], memory: [aContainer({ vmid: 102, name: 'db-1' })] },
    recentTasks: [aTask()],
    recentActivity: [
      {
        id: 1,
        at: new Date().toISOString(),
        actor: 'console',
        action: 'start',
        target: 'ct/101',
        node: 'pve1',
        result: 'error',
        message: 'CT 101 is locked (backup)',
      },
    ],
    ...overrides,
  };
}

/** A complete, valid wizard entry: DHCP, password access, start after create. */
export const baseWizardValue: WizardValue = {
  node: 'pve1',
  template: 'local:vztmpl/debian-13-standard_13.1-1_amd64.tar.zst',
  hostname: ' brave-otter ',
  cores: 2,
  memory: 1024,
  swap: 512,
  disk: 8,
  storage: 'local-lvm',
  bridge: 'vmbr0',
  ipv4Mode: 'dhcp',
  ip: '',
  gateway: '',
  ipv6Mode: 'none',
  ip6: '',
  gateway6: '',
  vlan: null,
  password: 'secret1',
  sshKeys: '',
  unprivileged: true,
  nesting: true,
  onboot: false,
  start: true,
  tags: 'web, prod',
  description: '',
};
