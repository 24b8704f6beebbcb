import { isIP } from 'node:net';
import { checkAllowedHosts } from '../auth/allowed-hosts.js';
import { isTokenId } from '../proxmox/token-id.js';
import { OIDC_CONFIG_KEYS } from './oidc-config.schema.js';

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

const FINGERPRINT = /^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/;

/** A comma-separated list, blanks around the commas dropped. */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function checkUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? undefined : 'must be an https:// URL';
  } catch {
    return 'must be a URL such as https://pve.example.lan:8006';
  }
}

function checkUrls(value: string): string | undefined {
  const urls = commaList(value);
  if (!urls.length) return 'must name at least one https:// URL';
  const bad = urls.filter((url) => checkUrl(url));
  if (bad.length) {
    return `must be https:// URLs such as https://pve1.lan:8006,https://pve2.lan:8006 (not ${bad.join(', ')})`;
  }
  return new Set(urls).size === urls.length ? undefined : 'names the same URL twice';
}

function checkFingerprints(value: string): string | undefined {
  const bad = commaList(value).filter((fp) => !FINGERPRINT.test(fp));
  return bad.length || !commaList(value).length
    ? 'must be SHA-256 fingerprints (32 hex pairs, : separated), one per URL, comma-separated'
    : undefined;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** Names Express' `trust proxy` knows besides addresses and CIDR ranges. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function checkProxies(value: string): string | undefined {
  const bad = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => {
      if (!p || PROXY_NAMES.has(p)) return false;
      const [address, bits, ...rest] = p.split('/');
      const family = isIP(address);
      const max = family === 4 ? 32 : 128;
      return (
        family === 0 ||
        rest.length > 0 ||
        (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= max))
      );
    });
  return bad.length
    ? `has entries that are no address, CIDR range or loopback/linklocal/uniquelocal: ${bad.join(', ')}`
    : undefined;
}

function checkUsername(value: string): string | undefined {
  return USERNAME.test(value) ? undefined : 'must be 1-64 letters, digits, . _ @ or -';
}

function checkOrigins(value: string): string | undefined {
  const bad = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o && !/^https?:\/\/[^/\s]+$/.test(o));
  return bad.length
    ? `has invalid origins ${bad.join(', ')} (want e.g. https://ops.lan:8443)`
    : undefined;
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
    check: checkUrls,
    description:
      'Proxmox VE API address, e.g. https://pve1.lan:8006; several nodes of one cluster comma-separated, preferred first (failover). Unset: demo mode.',
  },
  pveTokenId: {
    yaml: 'pve.token_id',
    env: 'PROXICLOUD_PVE_TOKEN_ID',
    type: 'string',
    check: (v) => (isTokenId(v) ? undefined : 'must look like user@realm!tokenname'),
    description:
      'API token id, user@realm!tokenname (the user part may hold @, e.g. jane@corp.com@oidc!console).',
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
    check: checkFingerprints,
    description:
      "Pinned SHA-256 fingerprint of the node's certificate; with several URLs one per URL, comma-separated, in the same order.",
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
    description:
      'Timeout in milliseconds of each Proxmox API call that is not about one node (and of connecting).',
  },
  pveNodeTimeoutMs: {
    yaml: 'pve.node_timeout_ms',
    env: 'PROXICLOUD_PVE_NODE_TIMEOUT_MS',
    type: 'integer',
    default: 35000,
    min: 500,
    max: 300000,
    description:
      "Timeout in milliseconds of calls pveproxy forwards to one node. Keep it above pveproxy's own 30 s, so a dead node is reported by Proxmox (59x) rather than by this timeout.",
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
      v.includes('{noun}')
        ? undefined
        : 'must contain {noun} (also allowed: {adjective}, {number})',
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
  demoControlPort: {
    yaml: 'demo.control_port',
    env: 'PROXICLOUD_DEMO_CONTROL_PORT',
    type: 'integer',
    min: 1,
    max: 65535,
    description:
      "Demo mode only: loopback port of pve-sim's fault-control API, for tests and demos.",
  },
  adminUser: {
    yaml: 'auth.admin_user',
    env: 'PROXICLOUD_ADMIN_USER',
    type: 'string',
    check: checkUsername,
    description:
      'First admin account, created at start only while no admin has ever existed. Unset: a one-time setup code is printed instead.',
  },
  adminPassword: {
    yaml: 'auth.admin_password',
    env: 'PROXICLOUD_ADMIN_PASSWORD',
    type: 'string',
    secret: true,
    check: (v) => (v.length >= 8 ? undefined : 'must be at least 8 characters'),
    description: 'Password of that first admin (at least 8 characters). Never logged.',
  },
  sessionSecret: {
    yaml: 'auth.session_secret',
    env: 'PROXICLOUD_SESSION_SECRET',
    type: 'string',
    secret: true,
    check: (v) => (v.length >= 32 ? undefined : 'must be at least 32 characters'),
    description:
      'Key that hashes session cookies and API tokens. Unset: generated once into <data_dir>/session-secret (mode 0600). Changing it signs everyone out.',
  },
  sessionIdleMin: {
    yaml: 'auth.session_idle_min',
    env: 'PROXICLOUD_SESSION_IDLE_MIN',
    type: 'integer',
    default: 60,
    min: 1,
    max: 10080,
    description: 'Minutes without a request after which a session ends.',
  },
  sessionMaxHours: {
    yaml: 'auth.session_max_hours',
    env: 'PROXICLOUD_SESSION_MAX_HOURS',
    type: 'integer',
    default: 12,
    min: 1,
    max: 720,
    description: 'Hours after login after which a session ends, however active.',
  },
  corsOrigins: {
    yaml: 'auth.cors_origins',
    env: 'PROXICLOUD_CORS_ORIGINS',
    type: 'string',
    default: '',
    check: checkOrigins,
    description:
      'Comma-separated origins allowed to call the API from a browser (e.g. https://ops.lan). Empty: CORS closed.',
  },
  trustedProxies: {
    yaml: 'auth.trusted_proxies',
    env: 'PROXICLOUD_TRUSTED_PROXIES',
    type: 'string',
    default: '',
    check: checkProxies,
    description:
      'Comma-separated reverse proxies whose X-Forwarded-For/-Proto count (addresses, CIDR ranges, or loopback, linklocal, uniquelocal). Empty: none; the peer address is the client.',
  },
  allowedHosts: {
    yaml: 'auth.allowed_hosts',
    env: 'PROXICLOUD_ALLOWED_HOSTS',
    type: 'string',
    default: '',
    check: checkAllowedHosts,
    description:
      'Comma-separated host names (or *.domain, or addresses) the console answers to, e.g. proxicloud.lan,192.168.1.20; other Host headers get 421 (DNS rebinding). localhost, 127.0.0.1 and ::1 always pass. Empty: every host.',
  },
  secureCookies: {
    yaml: 'auth.secure_cookies',
    env: 'PROXICLOUD_SECURE_COOKIES',
    type: 'string',
    default: 'auto',
    check: (v) =>
      ['auto', 'true', 'false'].includes(v) ? undefined : 'must be auto, true or false',
    description:
      'Secure flag of the session cookie: auto sets it when the request came over HTTPS (directly or via X-Forwarded-Proto from a trusted proxy).',
  },
  ...OIDC_CONFIG_KEYS,
} satisfies Record<string, ConfigKeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
