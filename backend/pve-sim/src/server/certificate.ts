import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
  /** SHA-256, upper-case hex pairs joined by ':' (as /nodes ssl_fingerprint). */
  fingerprint: string;
}

function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256.toUpperCase();
}

async function createCertificate(): Promise<Certificate> {
  const notAfterDate = new Date(Date.now() + 2 * 365 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'pve-sim.localdomain' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) };
}

/** Loads the node certificate from `dataDir`, creating it at first start (pve-ssl.pem / .key). */
export async function loadOrCreateCertificate(dataDir: string): Promise<Certificate> {
  const certPath = join(dataDir, 'pve-ssl.pem');
  const keyPath = join(dataDir, 'pve-ssl.key');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    return { cert, key: readFileSync(keyPath, 'utf8'), fingerprint: fingerprintOf(cert) };
  }
  return rotateCertificate(dataDir);
}

export async function rotateCertificate(dataDir: string): Promise<Certificate> {
  const created = await createCertificate();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'pve-ssl.key'), created.key, { mode: 0o600 });
  writeFileSync(join(dataDir, 'pve-ssl.pem'), created.cert);
  return created;
}
