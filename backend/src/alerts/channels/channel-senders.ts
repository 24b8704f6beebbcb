import { createHmac } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { Severity } from '../entities/alert-rule.entity.js';
import type { ChannelTarget } from './channel-settings.js';
import { type Notice, noticeHtml, noticeText, noticeTitle, webhookPayload } from './notice.js';

/** A delivery that did not reach the receiver; `message` is what the channel page shows. */
export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export const DELIVERY_TIMEOUT_MS = 10_000;

/** The header a webhook receiver checks: sha256=<hex HMAC-SHA256 of the exact body>. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

// ntfy priorities 1..5 (https://docs.ntfy.sh/publish/#message-priority), Gotify 0..10
const NTFY_PRIORITY: Record<Severity, string> = { info: '3', warning: '4', critical: '5' };
const GOTIFY_PRIORITY: Record<Severity, number> = { info: 2, warning: 5, critical: 8 };
const NTFY_TAG: Record<Severity, string> = {
  info: 'information_source',
  warning: 'warning',
  critical: 'rotating_light',
};

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body,
      headers,
      redirect: 'error',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DeliveryError(cause?.code ?? cause?.message ?? (error as Error).message);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new DeliveryError(`${res.status} ${res.statusText}`.trim());
}

function webhookBody(target: Extract<ChannelTarget, { type: 'webhook' }>, n: Notice): string {
  if (target.format === 'discord') return JSON.stringify({ content: noticeText(n).slice(0, 2000) });
  if (target.format === 'slack') return JSON.stringify({ text: noticeText(n) });
  return JSON.stringify(webhookPayload(n));
}

function ntfyTags(n: Notice): string {
  return n.event === 'alert.resolved' ? 'white_check_mark' : NTFY_TAG[n.severity];
}

/** Sends one notice through one channel; throws DeliveryError with the receiver's answer. */
export async function deliver(target: ChannelTarget, n: Notice): Promise<void> {
  switch (target.type) {
    case 'webhook': {
      const body = webhookBody(target, n);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (target.secret) headers['x-proxicloud-signature'] = signature(target.secret, body);
      return post(target.url, body, headers);
    }
    case 'ntfy': {
      const headers: Record<string, string> = {
        title: noticeTitle(n),
        priority: NTFY_PRIORITY[n.severity],
        tags: ntfyTags(n),
      };
      if (target.token) headers.authorization = `Bearer ${target.token}`;
      const url = `${target.server.replace(/\/+$/, '')}/${encodeURIComponent(target.topic)}`;
      return post(url, n.message, headers);
    }
    case 'gotify': {
      const body = JSON.stringify({
        title: noticeTitle(n),
        message: n.message,
        priority: GOTIFY_PRIORITY[n.severity],
      });
      const url = `${target.url.replace(/\/+$/, '')}/message`;
      return post(url, body, { 'content-type': 'application/json', 'x-gotify-key': target.token });
    }
    case 'email':
      return sendMail(target, n);
  }
}

async function sendMail(target: Extract<ChannelTarget, { type: 'email' }>, n: Notice) {
  const transport = createTransport({
    host: target.host,
    port: target.port,
    secure: target.security === 'tls',
    requireTLS: target.security === 'starttls',
    ignoreTLS: target.security === 'none',
    auth: target.username ? { user: target.username, pass: target.password ?? '' } : undefined,
    tls: target.ca ? { ca: target.ca } : undefined,
    connectionTimeout: DELIVERY_TIMEOUT_MS,
    greetingTimeout: DELIVERY_TIMEOUT_MS,
    socketTimeout: DELIVERY_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: target.from,
      to: target.to,
      subject: noticeTitle(n),
      text: noticeText(n),
      html: noticeHtml(n),
    });
  } catch (error) {
    const e = error as { responseCode?: number; code?: string; message: string };
    throw new DeliveryError(
      e.responseCode ? `SMTP ${e.responseCode}: ${e.message}` : (e.code ?? e.message),
    );
  } finally {
    transport.close();
  }
}
