import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Certificate } from './certificate.js';
import type { Pipeline } from './pipeline.js';

/** The HTTPS socket: can stop listening (connections refused) and listen again on the same port. */
export class HttpsListener {
  private readonly server: Server;
  port = 0;

  constructor(
    pipeline: Pipeline,
    private certificate: Certificate,
    private readonly host: string,
  ) {
    this.server = createServer(
      { key: certificate.key, cert: certificate.cert },
      (req, res) => void pipeline.handle(req, res),
    );
    this.server.on(
      'upgrade',
      (req, socket, head) => void pipeline.handleUpgrade(req, socket, head),
    );
  }

  get cert(): Certificate {
    return this.certificate;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, this.host, () => {
        this.server.off('error', onError);
        this.port = (this.server.address() as AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  /** Resumes on the port it had, so clients see the same URL come back. */
  resume(): Promise<number> {
    return this.server.listening ? Promise.resolve(this.port) : this.listen(this.port);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** New handshakes use the new certificate; open connections keep the old one. */
  useCertificate(cert: Certificate): void {
    this.certificate = cert;
    this.server.setSecureContext({ key: cert.key, cert: cert.cert });
  }
}
