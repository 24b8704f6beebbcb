import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'proxicloud totp secret v1';

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the
 * session secret, so a copy of the database alone does not yield anyone's authenticator. The
 * account id is bound as associated data: a secret moved to another row does not decrypt.
 */
export class TotpSecretBox {
  private readonly key: Buffer;

  constructor(sessionSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', sessionSecret, 'proxicloud', INFO, 32));
  }

  seal(userId: number, base32: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(String(userId)));
    const data = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map(part).join('.');
  }

  /** The base32 secret, or undefined when it cannot be decrypted (another session secret). */
  open(userId: number, sealed: string): string | undefined {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || !data) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(String(userId)));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      return undefined;
    }
  }
}

function part(p: string | Buffer): string {
  return typeof p === 'string' ? p : p.toString('base64url');
}
