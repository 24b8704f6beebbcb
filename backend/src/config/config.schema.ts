/**
 * Every configuration key, in one table: its YAML key, its environment variable, its type and default.
 * The loader, the docs check and the error messages all read this table, so a key exists in one place.
 */
export type ConfigValueType = 'string' | 'integer' | 'boolean';

export interface ConfigKeySpec {
  /** key in the YAML file */
  yaml: string;
  /** environment variable that overrides it */
  env: string;
  type: ConfigValueType;
  default?: string | number | boolean;
  /** integer bounds */
  min?: number;
  max?: number;
  /** secrets are never echoed in error messages or logs */
  secret?: boolean;
  /** returns an error text for a bad value */
  check?: (value: string) => string | undefined;
  description: string;
}

const TOKEN_ID = /^[^\s@!]+@[^\s@!]+![A-Za-z][A-Za-z0-9._-]*$/;
const FINGERPRINT = /^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/;

function checkUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? undefined : 'must be an https:// URL';
  } catch {
    return 'must be a URL such as https://pve.example.lan:8006';
  }
}

export const CONFIG_KEYS = {
  host: {
    yaml: 'host',
    env: 'PROXICLOUD_HOST',
    type: 'string',
    default: '127.0.0.1',
    description: 'Address the console listens on (0.0.0.0 for every interface).',
  },
  port: {
    yaml: 'port',
    env: 'PROXICLOUD_PORT',
    type: 'integer',
    default: 8080,
    min: 0,
    max: 65535,
    description: 'HTTP port of the console (0 picks a free port).',
  },
  dataDir: {
    yaml: 'data_dir',
    env: 'PROXICLOUD_DATA_DIR',
    type: 'string',
    default: './data',
    description: 'Directory holding the SQLite database (proxicloud.sqlite) and demo-mode state.',
  },
  pveUrl: {
    yaml: 'pve.url',
    env: 'PROXICLOUD_PVE_URL',
    type: 'string',
    check: checkUrl,
    description: 'Proxmox VE API address, e.g. https://pve1.lan:8006. Unset: demo mode.',
  },
  pveTokenId: {
    yaml: 'pve.token_id',
    env: 'PROXICLOUD_PVE_TOKEN_ID',
    type: 'string',
    check: (v) => (TOKEN_ID.test(v) ? undefined : 'must look like user@realm!tokenname'),
    description: 'API token id, user@realm!tokenname.',
  },
  pveTokenSecret: {
    yaml: 'pve.token_secret',
    env: 'PROXICLOUD_PVE_TOKEN_SECRET',
    type: 'string',
    secret: true,
    description: 'API token secret (a UUID). Never logged.',
  },
  pveFingerprint: {
    yaml: 'pve.fingerprint',
    env: 'PROXICLOUD_PVE_FINGERPRINT',
    type: 'string',
    check: (v) =>
      FINGERPRINT.test(v) ? undefined : 'must be a SHA-256 fingerprint (32 hex pairs, : separated)',
    description: "Pinned SHA-256 fingerprint of the node's certificate.",
  },
  pveCaFile: {
    yaml: 'pve.ca_file',
    env: 'PROXICLOUD_PVE_CA_FILE',
    type: 'string',
    description: 'PEM file of the CA that signed the node certificate (e.g. pve-root-ca.pem).',
  },
  pveInsecure: {
    yaml: 'pve.insecure',
    env: 'PROXICLOUD_PVE_INSECURE',
    type: 'boolean',
    default: false,
    description: 'Skip certificate verification. Explicit opt-out; a warning is logged at start.',
  },
  pveTimeoutMs: {
    yaml: 'pve.timeout_ms',
    env: 'PROXICLOUD_PVE_TIMEOUT_MS',
    type: 'integer',
    default: 10000,
    min: 500,
    max: 120000,
    description: 'Timeout of each Proxmox API call in milliseconds.',
  },
  collectIntervalS: {
    yaml: 'collect_interval_s',
    env: 'PROXICLOUD_COLLECT_INTERVAL_S',
    type: 'integer',
    default: 30,
    min: 2,
    max: 3600,
    description: 'Seconds between two metric collection cycles.',
  },
  retentionDays: {
    yaml: 'retention_days',
    env: 'PROXICLOUD_RETENTION_DAYS',
    type: 'integer',
    default: 30,
    min: 1,
    max: 3650,
    description: 'Days of 5-minute metric history to keep.',
  },
  namePattern: {
    yaml: 'name_pattern',
    env: 'PROXICLOUD_NAME_PATTERN',
    type: 'string',
    default: '{adjective}-{noun}',
    check: (v) =>
      v.includes('{noun}') ? undefined : 'must contain {noun} (also allowed: {adjective}, {number})',
    description: 'Pattern of suggested container names: {adjective}, {noun}, {number}.',
  },
  demoScenario: {
    yaml: 'demo.scenario',
    env: 'PROXICLOUD_DEMO_SCENARIO',
    type: 'string',
    default: 'default',
    description: 'Demo mode only: pve-sim scenario (default, tiny, large or a scenario file).',
  },
  demoSpeed: {
    yaml: 'demo.speed',
    env: 'PROXICLOUD_DEMO_SPEED',
    type: 'string',
    default: '1',
    check: (v) => (/^\d+(\.\d+)?$/.test(v) ? undefined : 'must be a number such as 1 or 0.2'),
    description: 'Demo mode only: task duration factor of pve-sim (0 = instant).',
  },
} satisfies Record<string, ConfigKeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
