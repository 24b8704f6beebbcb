/**
 * PVE's API token id, as pve-access-control checks it: `USER@REALM!TOKEN` with
 * `$user_regex = qr![^\s:/]+!` (so the user part may hold `@` and `!`, e.g. an OIDC user
 * `jane@corp.com@oidc`), `$realm_regex = qr/[A-Za-z][A-Za-z0-9\.\-_]+/` and the token name
 * `$token_subid_regex = $realm_regex` (PVE::Auth::Plugin, PVE::AccessControl $token_full_regex).
 * The realm cannot hold `!`, so the token name is what follows the last `!`. PVE wants two
 * characters or more for a token name; one is let through here (PVE then answers 401 itself), as
 * the console only needs to tell user, realm and token apart.
 */
const REALM = '[A-Za-z][A-Za-z0-9.\\-_]+';
const TOKEN = '[A-Za-z][A-Za-z0-9.\\-_]*';
export const TOKEN_ID_PATTERN = new RegExp(`^([^\\s:/]+@${REALM})!(${TOKEN})$`);

/** verify_username: a user id (without the token part) is 3 to 64 characters long. */
const USERID_MAX = 64;

export function isTokenId(value: string): boolean {
  const m = TOKEN_ID_PATTERN.exec(value);
  return m !== null && m[1].length <= USERID_MAX;
}

/** `jane@corp.com@oidc!x` -> user `jane@corp.com@oidc`, token `x`; a plain user id has none. */
export function splitTokenId(value: string): { user: string; token?: string } {
  const m = TOKEN_ID_PATTERN.exec(value);
  return m ? { user: m[1], token: m[2] } : { user: value };
}
