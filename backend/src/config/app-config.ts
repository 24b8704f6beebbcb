import type { Role } from '../users/roles.js';

/** The validated, typed configuration every part of the console reads (and the only reader of env). */
export interface ProxmoxConfig {
  /** node URLs of one cluster, the preferred first; empty: demo mode */
  urls: string[];
  tokenId?: string;
  tokenSecret?: string;
  /** pinned certificate fingerprints, one per URL in the same order; empty: CA or insecure */
  fingerprints: string[];
  caFile?: string;
  insecure: boolean;
  timeoutMs: number;
  /** timeout of calls proxied to one node: above pveproxy's 30 s */
  nodeTimeoutMs: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  roleClaim: string;
  /** group -> role */
  roleMap: Record<string, Role>;
  autoCreate: boolean;
  buttonLabel: string;
  /** where people open the console; the redirect URI hangs off it */
  publicUrl?: string;
}

export interface AuthConfig {
  adminUser?: string;
  adminPassword?: string;
  sessionSecret?: string;
  sessionIdleMin: number;
  sessionMaxHours: number;
  /** browser origins allowed by CORS; empty = closed */
  corsOrigins: string[];
  secureCookies: 'auto' | 'always' | 'never';
  /** Express `trust proxy` list: whose X-Forwarded-* headers count; empty = nobody's */
  trustedProxies: string[];
  /** Host header names the console answers to (I-3); empty = every host */
  allowedHosts: string[];
  /** single sign-on; undefined when no issuer is configured */
  oidc?: OidcConfig;
  /** password sign-in; false leaves it to breakGlassUser alone */
  localLogin: boolean;
  breakGlassUser?: string;
}

export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  pve: ProxmoxConfig;
  collectIntervalS: number;
  retentionDays: number;
  namePattern: string;
  /** controlPort: loopback port of pve-sim's fault-control API; unset: no control API */
  demo: { scenario: string; speed: number; controlPort?: number };
  auth: AuthConfig;
  /** 'demo' when the embedded pve-sim stands in for Proxmox */
  mode: 'live' | 'demo';
  /** where the config came from, for the start-up log */
  source: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
