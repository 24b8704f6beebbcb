// The identity provider of the e2e run: a real OpenID Connect provider (node-oidc-provider) on a
// loopback port, with one static confidential client for the console and one account in the
// group the console maps to admin. Its development pages (a login form that takes any password,
// then a consent form) stand in for Authentik's or Keycloak's.
import { createServer } from 'node:http';

export const E2E_IDP_CLIENT = { id: 'proxicloud-e2e', secret: 'proxicloud-e2e-client-secret' };
/** The account the sign-in spec uses; the console creates it at its first single sign-on. */
export const E2E_SSO_LOGIN = 'e2e-sso';

/**
 * Starts the provider for a console at `consoleUrl`; answers the issuer URL and the console's
 * PROXICLOUD_OIDC_* settings.
 */
export async function startIdentityProvider(consoleUrl) {
  // loaded here, so the specs that read the constants above do not load the provider
  const { default: Provider } = await import('oidc-provider');
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const accounts = new Map([
    [E2E_SSO_LOGIN, { preferred_username: E2E_SSO_LOGIN, groups: ['proxicloud-admins'] }],
  ]);
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: E2E_IDP_CLIENT.id,
        client_secret: E2E_IDP_CLIENT.secret,
        redirect_uris: [`${consoleUrl}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username'], groups: ['groups'] },
    cookies: { keys: ['proxicloud-e2e-idp-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id.replace(/^sub-/, '')) ?? accounts.get(id);
      return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    env: {
      PROXICLOUD_OIDC_ISSUER: issuer,
      PROXICLOUD_OIDC_CLIENT_ID: E2E_IDP_CLIENT.id,
      PROXICLOUD_OIDC_CLIENT_SECRET: E2E_IDP_CLIENT.secret,
      PROXICLOUD_OIDC_SCOPES: 'openid profile groups',
      PROXICLOUD_OIDC_ROLE_MAP: 'proxicloud-admins:admin',
      PROXICLOUD_OIDC_BUTTON_LABEL: 'Sign in with the e2e IdP',
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
