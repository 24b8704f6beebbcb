import type { ChannelType } from '../entities/alert-channel.entity.js';

export type WebhookFormat = 'json' | 'discord' | 'slack';
export type SmtpSecurity = 'none' | 'starttls' | 'tls';

/** A channel's settings and secrets, as the senders use them (secrets never leave the backend). */
export type ChannelTarget =
  | { type: 'webhook'; url: string; format: WebhookFormat; secret?: string }
  | { type: 'ntfy'; server: string; topic: string; token?: string }
  | { type: 'gotify'; url: string; token: string }
  | {
      type: 'email';
      host: string;
      port: number;
      security: SmtpSecurity;
      from: string;
      to: string[];
      username?: string;
      password?: string;
      /** PEM of a CA to trust for the SMTP server's certificate (self-signed relays) */
      ca?: string;
    };

/** Which fields of each type are secret: accepted on create/update, never answered. */
export const SECRET_FIELDS: Record<ChannelType, readonly string[]> = {
  webhook: ['secret'],
  ntfy: ['token'],
  gotify: ['token'],
  email: ['password'],
};

/** The public fields of a target (what answers show). */
export function publicSettings(target: ChannelTarget): Record<string, unknown> {
  const secret = new Set(SECRET_FIELDS[target.type]);
  return Object.fromEntries(Object.entries(target).filter(([k]) => k !== 'type' && !secret.has(k)));
}

/** The secret fields of a target. */
export function secretSettings(target: ChannelTarget): Record<string, string> {
  const fields = SECRET_FIELDS[target.type];
  const all = target as unknown as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const f of fields) if (typeof all[f] === 'string' && all[f] !== '') out[f] = all[f];
  return out;
}

/** The sender's view of a stored channel: its settings with its secrets. */
export function targetOf(channel: { type: ChannelType; settings: string; secrets: string }) {
  const settings = JSON.parse(channel.settings) as Record<string, unknown>;
  const secrets = JSON.parse(channel.secrets) as Record<string, string>;
  return { ...settings, ...secrets, type: channel.type } as ChannelTarget;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM-HH:MM' (local time, may wrap midnight) is a valid quiet-hours window. */
export function isQuietHours(value: string): boolean {
  const [from, to] = value.split('-');
  return HHMM.test(from ?? '') && HHMM.test(to ?? '') && from !== to;
}

/** When notifications may go out again: the end of the quiet window now is in, or undefined. */
export function quietUntil(window: string | null, now: number): number | undefined {
  if (!window || !isQuietHours(window)) return undefined;
  const [from, to] = window.split('-').map((t) => t.split(':').map(Number));
  const d = new Date(now);
  const minutes = d.getHours() * 60 + d.getMinutes();
  const start = from[0] * 60 + from[1];
  const end = to[0] * 60 + to[1];
  const inside =
    start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return undefined;
  const until = new Date(now);
  until.setHours(to[0], to[1], 0, 0);
  if (until.getTime() <= now) until.setDate(until.getDate() + 1);
  return until.getTime();
}
