import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';
import { type Receiver, startReceiver } from './receiver.js';
import { type SmtpReceiver, startSmtp } from './smtp-receiver.js';

let h: ConsoleHarness;
let rx: Receiver;
let smtp: SmtpReceiver;

async function channel(body: Record<string, unknown>): Promise<number> {
  const res = await h.post('/api/alerts/channels', body);
  expect(res.status, res.text).toBe(201);
  expect(Object.keys(res.body)).toEqual(['id']);
  return res.body.id as number;
}

async function test(id: number) {
  return h.post(`/api/alerts/channels/${id}/test`);
}

beforeAll(async () => {
  h = await startConsole();
  rx = await startReceiver();
  smtp = await startSmtp('mailer', 'smtp-password-123');
});

afterAll(async () => {
  await h?.stop();
  await rx?.close();
  await smtp?.close();
});

describe('alert channels with real receivers', () => {
  it('a webhook without a secret gets the JSON payload and no signature', async () => {
    const id = await channel({ type: 'webhook', name: 'plain', url: `${rx.url}/plain` });
    const res = await test(id);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ delivered: true });
    const got = rx.requests.at(-1)!;
    expect(got.path).toBe('/plain');
    expect(got.headers['x-proxicloud-signature']).toBeUndefined();
    const body = JSON.parse(got.body);
    expect(Object.keys(body)).toEqual([
      'event',
      'rule',
      'severity',
      'subject',
      'message',
      'startsAt',
    ]);
    expect(body).toMatchObject({
      event: 'alert.test',
      severity: 'info',
      subject: { type: 'proxmox' },
    });
  });

  it('Discord and Slack formats send their own shapes', async () => {
    const discord = await channel({
      type: 'webhook',
      name: 'd',
      url: `${rx.url}/d`,
      format: 'discord',
    });
    expect((await test(discord)).status).toBe(200);
    expect(Object.keys(JSON.parse(rx.requests.at(-1)!.body))).toEqual(['content']);
    const slack = await channel({
      type: 'webhook',
      name: 's',
      url: `${rx.url}/s`,
      format: 'slack',
    });
    expect((await test(slack)).status).toBe(200);
    const text = JSON.parse(rx.requests.at(-1)!.body).text as string;
    expect(text.startsWith('[TEST] ProxiCloud test notification')).toBe(true);
  });

  it('ntfy gets the message with title, priority, tags and the token', async () => {
    const id = await channel({
      type: 'ntfy',
      name: 'phone',
      server: `${rx.url}/ntfy/`,
      topic: 'homelab-alerts',
      token: 'tk_ntfy_secret_value',
    });
    expect((await test(id)).status).toBe(200);
    const got = rx.requests.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.path).toBe('/ntfy/homelab-alerts');
    expect(got.headers.title).toBe('[TEST] ProxiCloud test notification');
    expect(got.headers.priority).toBe('3');
    expect(got.headers.tags).toBe('information_source');
    expect(got.headers.authorization).toBe('Bearer tk_ntfy_secret_value');
    expect(got.body).toBe("Test notification from ProxiCloud for channel 'phone'");
  });

  it('Gotify gets /message with the app token and a priority', async () => {
    const id = await channel({
      type: 'gotify',
      name: 'g',
      url: `${rx.url}/gotify`,
      token: 'AgotifyAppTok',
    });
    expect((await test(id)).status).toBe(200);
    const got = rx.requests.at(-1)!;
    expect(got.path).toBe('/gotify/message');
    expect(got.headers['x-gotify-key']).toBe('AgotifyAppTok');
    expect(JSON.parse(got.body)).toEqual({
      title: '[TEST] ProxiCloud test notification',
      message: "Test notification from ProxiCloud for channel 'g'",
      priority: 2,
    });
  });

  it('email goes over STARTTLS with auth, as text and HTML', async () => {
    const id = await channel({
      type: 'email',
      name: 'mail',
      host: 'localhost',
      port: smtp.port,
      security: 'starttls',
      ca: smtp.ca,
      from: 'ProxiCloud <alerts@example.test>',
      to: ['ops@example.test'],
      username: 'mailer',
      password: 'smtp-password-123',
    });
    const res = await test(id);
    expect(res.status, res.text).toBe(200);
    const [{ mail, secure, user }] = smtp.mails;
    expect(secure).toBe(true);
    expect(user).toBe('mailer');
    expect(mail.subject).toBe('[TEST] ProxiCloud test notification');
    expect(mail.from?.text).toBe('"ProxiCloud" <alerts@example.test>');
    expect(mail.text).toContain("Test notification from ProxiCloud for channel 'mail'");
    expect(mail.html).toContain('<h2>[TEST] ProxiCloud test notification</h2>');
  });

  it('a wrong SMTP password is a 502 with the server answer', async () => {
    const id = await channel({
      type: 'email',
      name: 'bad mail',
      host: 'localhost',
      port: smtp.port,
      ca: smtp.ca,
      from: 'alerts@example.test',
      to: ['ops@example.test'],
      username: 'mailer',
      password: 'wrong',
    });
    const res = await test(id);
    expect(res.status).toBe(502);
    expect(res.body.message).toMatch(/^The test message was not delivered: SMTP 535/);
  });

  it('a refused delivery is a 502 with the reason and stays visible on the channel', async () => {
    const id = await channel({ type: 'webhook', name: 'refusing', url: `${rx.url}/r` });
    rx.failNext(401);
    const res = await test(id);
    expect(res.status).toBe(502);
    expect(res.body.message).toBe('The test message was not delivered: 401 Unauthorized');
    const list = await h.get('/api/alerts/channels');
    const shown = list.body.find((c: any) => c.id === id);
    expect(shown.lastFailure).toMatch(/^last delivery failed: 401 Unauthorized at \d\d:\d\d$/);
  });

  it('secrets are write-only: never answered, kept when a change leaves them out', async () => {
    const id = await channel({
      type: 'webhook',
      name: 'signed',
      url: `${rx.url}/signed`,
      secret: 'very-secret-hmac-key',
    });
    const patched = await h.patch(`/api/alerts/channels/${id}`, { name: 'signed 2' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.secretsSet).toEqual(['secret']);
    expect((await test(id)).status).toBe(200);
    expect(rx.requests.at(-1)!.headers['x-proxicloud-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    await h.get('/api/alerts/channels');
    for (const secret of [
      'very-secret-hmac-key',
      'tk_ntfy_secret_value',
      'AgotifyAppTok',
      'smtp-password-123',
    ]) {
      expect(h.answers.filter((a) => a.includes(secret))).toEqual([]);
    }
  });

  it('refuses incomplete or malformed channels with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'webhook', name: 'x' }, 'url is required for a webhook channel'],
      [
        { type: 'webhook', name: 'x', url: 'ftp://h/' },
        "url must be an http:// or https:// URL, got 'ftp://h/'",
      ],
      [
        { type: 'ntfy', name: 'x', server: 'https://ntfy.sh', topic: 'a b' },
        'topic must be 1-64 letters, digits, _ or -',
      ],
      [{ type: 'gotify', name: 'x', url: 'https://g' }, 'token is required for a gotify channel'],
      [
        { type: 'email', name: 'x', host: 'h', from: 'a@b', to: ['nobody'] },
        "'nobody' is not an email address",
      ],
      [
        { type: 'webhook', name: 'x', url: 'https://h/', quietHours: '25:00-07:00' },
        "quietHours must look like 22:00-07:00 (local time), got '25:00-07:00'",
      ],
    ];
    for (const [body, message] of cases) {
      const res = await h.post('/api/alerts/channels', body);
      expect([res.status, res.body.message]).toEqual([400, message]);
    }
    const pager = await h.post('/api/alerts/channels', { type: 'pager', name: 'x' });
    expect(pager.status).toBe(400);
    expect((await h.post('/api/alerts/channels/999/test')).status).toBe(404);
  });

  it('refuses to delete a channel a rule sends to (409 naming the rules) until they are re-pointed', async () => {
    const used = await channel({ type: 'webhook', name: 'pager', url: `${rx.url}/pager` });
    const other = await channel({ type: 'webhook', name: 'chat', url: `${rx.url}/chat` });
    const rule = async (name: string, channelIds: number[]) => {
      const res = await h.post('/api/alerts/rules', {
        name,
        kind: 'cpu',
        threshold: 95,
        channelIds,
      });
      expect(res.status, res.text).toBe(201);
      return res.body.id as number;
    };
    const only = await rule('cpu only pager', [used]);
    const both = await rule('cpu both', [used, other]);
    await rule('cpu everywhere', []);

    const refused = await h.del(`/api/alerts/channels/${used}`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.message).toBe(
      "Channel 'pager' is used by the rules 'cpu only pager', 'cpu both'; " +
        'point them at another channel (or at every channel) first',
    );
    const kept = await h.get('/api/alerts/channels');
    expect(kept.body.map((c: any) => c.id)).toContain(used);

    expect((await h.patch(`/api/alerts/rules/${only}`, { channelIds: [other] })).status).toBe(200);
    const still = await h.del(`/api/alerts/channels/${used}`);
    expect([still.status, still.body.message]).toEqual([
      409,
      "Channel 'pager' is used by the rule 'cpu both'; point it at another channel (or at every channel) first",
    ]);
    expect((await h.del(`/api/alerts/rules/${both}`)).status).toBe(204);
    expect((await h.del(`/api/alerts/channels/${used}`)).status).toBe(204);
    const left = await h.get('/api/alerts/channels');
    expect(left.body.map((c: any) => c.id)).not.toContain(used);
  });
});
