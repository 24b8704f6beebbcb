import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  mail: ParsedMail;
  /** true when the message came over TLS (STARTTLS or implicit) */
  secure: boolean;
  user: string | undefined;
}

/** A real SMTP server (smtp-server) with a self-signed certificate, requiring auth over TLS. */
export interface SmtpReceiver {
  port: number;
  /** PEM to trust as the channel's `ca` */
  ca: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtp(user: string, password: string): Promise<SmtpReceiver> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
  });
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    key: pems.private,
    cert: pems.cert,
    secure: false,
    // the default: no AUTH before STARTTLS, so a delivered mail proves TLS was used
    allowInsecureAuth: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === password) cb(null, { user });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ mail, secure: session.secure, user: session.user as string | undefined });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    ca: pems.cert,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
