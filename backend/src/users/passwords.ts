import { hash, verify, argon2id } from 'argon2';

/** Longer passwords are refused before hashing so nobody can make the server hash megabytes. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** argon2id with the library's defaults (64 MiB, t=3, p=4), which follow OWASP's advice. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id });
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
