import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { AppConfig, AuthConfig, OidcConfig } from './app-config.js';
import { commaList, CONFIG_KEYS, type ConfigKey, type ConfigKeySpec } from './config.schema.js';
import { parseRoleMap } from './oidc-config.schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;
type RawValues = Partial<Record<ConfigKey, string>>;

const DEFAULT_PATHS = ['./proxicloud.yaml', '/etc/proxicloud/config.yaml'];
const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** Picks the YAML file: PROXICLOUD_CONFIG, else the first default path that exists. */
export function resolveConfigPath(env: Env): string | undefined {
  if (env.PROXICLOUD_CONFIG) return env.PROXICLOUD_CONFIG;
  return DEFAULT_PATHS.find((p) => existsSync(p));
}

function flatten(value: unknown, prefix: string, out: Record<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = value;
  }
}

function readYaml(path: string, problems: string[]): RawValues {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    problems.push(`${path}: cannot be read as YAML (${(error as Error).message.split('\n')[0]})`);
    return {};
  }
  const flat: Record<string, unknown> = {};
  flatten(doc, '', flat);
  const byYaml = new Map(
    Object.entries(CONFIG_KEYS).map(([key, spec]) => [spec.yaml, key as ConfigKey]),
  );
  const raw: RawValues = {};
  for (const [yamlKey, value] of Object.entries(flat)) {
    const key = byYaml.get(yamlKey);
    if (!key) problems.push(`${yamlKey}: unknown key in ${path}`);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      raw[key] = String(value);
    } else if (value !== null && value !== undefined) {
      problems.push(`${yamlKey}: must be a single value, not a list or map`);
    }
  }
  return raw;
}

function convert(name: string, spec: ConfigKeySpec, text: string, problems: string[]): unknown {
  const shown = spec.secret ? '(hidden)' : `'${text}'`;
  if (spec.type === 'integer') {
    const n = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
      problems.push(`${name}: ${shown} is not a whole number`);
      return undefined;
    }
    if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
      problems.push(`${name}: ${n} is out of range (${spec.min} to ${spec.max})`);
      return undefined;
    }
    return n;
  }
  if (spec.type === 'boolean') {
    const t = text.trim().toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    problems.push(`${name}: ${shown} is not a boolean (true/false)`);
    return undefined;
  }
  const error = spec.check?.(text);
  if (error) problems.push(`${name}: ${shown} ${error}`);
  return error ? undefined : text;
}

function checkProxmox(
  values: Record<string, unknown>,
  urlGiven: boolean,
  problems: string[],
): void {
  if (!urlGiven) return;
  for (const key of ['pveTokenId', 'pveTokenSecret'] as const) {
    if (!values[key])
      problems.push(`${CONFIG_KEYS[key].env}: required when PROXICLOUD_PVE_URL is set`);
  }
  const urls = commaList((values.pveUrl as string | undefined) ?? '');
  const fingerprints = commaList((values.pveFingerprint as string | undefined) ?? '');
  if (fingerprints.length && urls.length && fingerprints.length !== urls.length) {
    problems.push(
      `PROXICLOUD_PVE_FINGERPRINT: ${fingerprints.length} fingerprint(s) for ${urls.length} URLs; ` +
        'give one per URL in the same order (each node has its own certificate), or use ' +
        'PROXICLOUD_PVE_CA_FILE with the cluster CA (pve-root-ca.pem) instead of pins',
    );
  }
  const caFile = values.pveCaFile as string | undefined;
  if (caFile && !existsSync(caFile))
    problems.push(`PROXICLOUD_PVE_CA_FILE: ${caFile} does not exist`);
}

/** Builds the typed config from YAML plus env overrides; throws ConfigError listing every bad key. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const path = resolveConfigPath(env);
  if (env.PROXICLOUD_CONFIG && !existsSync(env.PROXICLOUD_CONFIG)) {
    problems.push(`PROXICLOUD_CONFIG: ${env.PROXICLOUD_CONFIG} does not exist`);
  }
  const fromFile = path && existsSync(path) ? readYaml(path, problems) : {};
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONFIG_KEYS) as [ConfigKey, ConfigKeySpec][]) {
    const text = env[spec.env] ?? fromFile[key];
    const name = env[spec.env] !== undefined ? spec.env : spec.yaml;
    values[key] =
      text === undefined || text === '' ? spec.default : convert(name, spec, text, problems);
  }
  checkProxmox(values, Boolean(env[CONFIG_KEYS.pveUrl.env] || fromFile.pveUrl), problems);
  if (Boolean(values.adminUser) !== Boolean(values.adminPassword)) {
    problems.push('PROXICLOUD_ADMIN_USER and PROXICLOUD_ADMIN_PASSWORD: set both or neither');
  }
  checkOidc(values, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return toAppConfig(values, path ?? 'defaults and environment');
}

/** Single sign-on needs its client; switching password sign-in off needs a way back in. */
function checkOidc(values: Record<string, unknown>, problems: string[]): void {
  if (values.oidcIssuer && !values.oidcClientId) {
    problems.push('PROXICLOUD_OIDC_CLIENT_ID: required when PROXICLOUD_OIDC_ISSUER is set');
  }
  if (values.localLogin === false && !values.oidcIssuer) {
    problems.push(
      'PROXICLOUD_LOCAL_LOGIN: false needs PROXICLOUD_OIDC_ISSUER (nobody could sign in)',
    );
  }
  if (values.localLogin === false && !values.breakGlassUser) {
    problems.push(
      'PROXICLOUD_BREAK_GLASS_USER: required when PROXICLOUD_LOCAL_LOGIN is false (the local admin that still signs in if the identity provider is down)',
    );
  }
}

function toOidcConfig(v: Record<string, unknown>): OidcConfig | undefined {
  if (!v.oidcIssuer) return undefined;
  return {
    issuer: v.oidcIssuer as string,
    clientId: v.oidcClientId as string,
    clientSecret: v.oidcClientSecret as string | undefined,
    scopes: (v.oidcScopes as string).trim().split(/\s+/).join(' '),
    roleClaim: v.oidcRoleClaim as string,
    roleMap: parseRoleMap(v.oidcRoleMap as string),
    autoCreate: v.oidcAutoCreate as boolean,
    buttonLabel: v.oidcButtonLabel as string,
    publicUrl: (v.oidcPublicUrl as string | undefined)?.replace(/\/+$/, ''),
  };
}

function toAppConfig(v: Record<string, unknown>, source: string): AppConfig {
  return {
    host: v.host as string,
    port: v.port as number,
    dataDir: v.dataDir as string,
    pve: {
      urls: commaList((v.pveUrl as string | undefined) ?? ''),
      tokenId: v.pveTokenId as string | undefined,
      tokenSecret: v.pveTokenSecret as string | undefined,
      fingerprints: commaList((v.pveFingerprint as string | undefined) ?? ''),
      caFile: v.pveCaFile as string | undefined,
      insecure: v.pveInsecure as boolean,
      timeoutMs: v.pveTimeoutMs as number,
      nodeTimeoutMs: v.pveNodeTimeoutMs as number,
    },
    collectIntervalS: v.collectIntervalS as number,
    retentionDays: v.retentionDays as number,
    namePattern: v.namePattern as string,
    demo: {
      scenario: v.demoScenario as string,
      speed: Number(v.demoSpeed),
      controlPort: v.demoControlPort as number | undefined,
    },
    auth: toAuthConfig(v),
    mode: 'live',
    source,
  };
}

const SECURE_COOKIES = { auto: 'auto', true: 'always', false: 'never' } as const;

function toAuthConfig(v: Record<string, unknown>): AuthConfig {
  return {
    adminUser: v.adminUser as string | undefined,
    adminPassword: v.adminPassword as string | undefined,
    sessionSecret: v.sessionSecret as string | undefined,
    sessionIdleMin: v.sessionIdleMin as number,
    sessionMaxHours: v.sessionMaxHours as number,
    corsOrigins: list(v.corsOrigins as string),
    secureCookies: SECURE_COOKIES[v.secureCookies as keyof typeof SECURE_COOKIES],
    trustedProxies: list(v.trustedProxies as string),
    allowedHosts: list(v.allowedHosts as string),
    oidc: toOidcConfig(v),
    localLogin: v.localLogin as boolean,
    breakGlassUser: v.breakGlassUser as string | undefined,
  };
}

/** A comma-separated config value as a list, blanks dropped. */
function list(text: string): string[] {
  return text
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}
