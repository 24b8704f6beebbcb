import { ROLES, type Role } from '../users/roles.js';
import type { ConfigKeySpec } from './config.schema.js';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** https, or http only to this machine (a test or a side-car identity provider). */
function checkIssuer(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return undefined;
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback ? undefined : 'must be an https:// URL';
  } catch {
    return 'must be a URL such as https://auth.example.lan/application/o/proxicloud/';
  }
}

function checkPublicUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (!['http:', 'https:'].includes(url.protocol)) return 'must be an http(s):// URL';
    return url.search || url.hash ? 'must have no query or fragment' : undefined;
  } catch {
    return 'must be a URL such as https://proxicloud.example.lan';
  }
}

/** `group:role,group:role`; the last colon separates, so group names may hold colons. */
export function parseRoleMap(value: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const entry of value.split(',').map((e) => e.trim())) {
    if (!entry) continue;
    const at = entry.lastIndexOf(':');
    map[entry.slice(0, at).trim()] = entry.slice(at + 1).trim() as Role;
  }
  return map;
}

function checkRoleMap(value: string): string | undefined {
  const bad = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .filter((e) => {
      const at = e.lastIndexOf(':');
      return at < 1 || !(ROLES as readonly string[]).includes(e.slice(at + 1).trim());
    });
  return bad.length
    ? `must be group:role pairs with a role of ${ROLES.join(', ')} (not ${bad.join(', ')})`
    : undefined;
}

/** Sign-in through the homelab's identity provider (OpenID Connect) and the local sign-in switch. */
export const OIDC_CONFIG_KEYS = {
  oidcIssuer: {
    yaml: 'auth.oidc.issuer',
    env: 'PROXICLOUD_OIDC_ISSUER',
    type: 'string',
    check: checkIssuer,
    description:
      'OpenID Connect issuer URL (its /.well-known/openid-configuration is read). Unset: no single sign-on.',
  },
  oidcClientId: {
    yaml: 'auth.oidc.client_id',
    env: 'PROXICLOUD_OIDC_CLIENT_ID',
    type: 'string',
    description: 'Client id registered at the identity provider. Required with the issuer.',
  },
  oidcClientSecret: {
    yaml: 'auth.oidc.client_secret',
    env: 'PROXICLOUD_OIDC_CLIENT_SECRET',
    type: 'string',
    secret: true,
    description: 'Client secret (confidential client). Unset: a public client with PKCE only.',
  },
  oidcScopes: {
    yaml: 'auth.oidc.scopes',
    env: 'PROXICLOUD_OIDC_SCOPES',
    type: 'string',
    default: 'openid profile email',
    check: (v) => (v.split(/\s+/).includes('openid') ? undefined : 'must include openid'),
    description: 'Space-separated scopes to ask for; add the one that carries the role claim.',
  },
  oidcRoleClaim: {
    yaml: 'auth.oidc.role_claim',
    env: 'PROXICLOUD_OIDC_ROLE_CLAIM',
    type: 'string',
    default: 'groups',
    description: 'Claim (ID token or userinfo) holding the groups that role_map maps to roles.',
  },
  oidcRoleMap: {
    yaml: 'auth.oidc.role_map',
    env: 'PROXICLOUD_OIDC_ROLE_MAP',
    type: 'string',
    default: '',
    check: checkRoleMap,
    description:
      'Comma-separated group:role pairs, e.g. proxicloud-admins:admin,staff:viewer. The strongest matching role wins; no match: sign-in refused.',
  },
  oidcAutoCreate: {
    yaml: 'auth.oidc.auto_create',
    env: 'PROXICLOUD_OIDC_AUTO_CREATE',
    type: 'boolean',
    default: true,
    description:
      'Create a console account at the first single sign-on. false: only identities already linked sign in.',
  },
  oidcButtonLabel: {
    yaml: 'auth.oidc.button_label',
    env: 'PROXICLOUD_OIDC_BUTTON_LABEL',
    type: 'string',
    default: 'Sign in with SSO',
    check: (v) => (v.length <= 64 ? undefined : 'must be at most 64 characters'),
    description: 'Text of the single sign-on button on the login page.',
  },
  oidcPublicUrl: {
    yaml: 'auth.oidc.public_url',
    env: 'PROXICLOUD_OIDC_PUBLIC_URL',
    type: 'string',
    check: checkPublicUrl,
    description:
      'The URL people open the console at (behind a reverse proxy); the redirect URI is <public_url>/api/auth/oidc/callback. Unset: taken from the request.',
  },
  localLogin: {
    yaml: 'auth.local_login',
    env: 'PROXICLOUD_LOCAL_LOGIN',
    type: 'boolean',
    default: true,
    description:
      'Password sign-in. false (needs the OIDC issuer and break_glass_user): only the break-glass account signs in with a password.',
  },
  breakGlassUser: {
    yaml: 'auth.break_glass_user',
    env: 'PROXICLOUD_BREAK_GLASS_USER',
    type: 'string',
    check: (v) => (USERNAME.test(v) ? undefined : 'must be 1-64 letters, digits, . _ @ or -'),
    description:
      'The local account that may still sign in with a password while local_login is false.',
  },
} satisfies Record<string, ConfigKeySpec>;
