import { ChannelDto, CreateChannelDto } from '../../api/models';

export type ChannelType = CreateChannelDto['type'];
export const CHANNEL_TYPES: readonly { value: ChannelType; label: string }[] = [
  { value: 'webhook', label: 'Webhook (JSON, Discord, Slack)' },
  { value: 'ntfy', label: 'ntfy' },
  { value: 'gotify', label: 'Gotify' },
  { value: 'email', label: 'Email (SMTP)' },
];

/** The form's values: one flat set of text fields, each type using its own. */
export interface ChannelFormValue {
  type: ChannelType;
  name: string;
  url: string;
  format: 'json' | 'discord' | 'slack';
  secret: string;
  server: string;
  topic: string;
  token: string;
  host: string;
  port: string;
  security: 'none' | 'starttls' | 'tls';
  from: string;
  to: string;
  username: string;
  password: string;
  capPerHour: string;
  quietHours: string;
}

const FIELDS: Record<ChannelType, readonly (keyof ChannelFormValue)[]> = {
  webhook: ['url', 'format', 'secret'],
  ntfy: ['server', 'topic', 'token'],
  gotify: ['url', 'token'],
  email: ['host', 'port', 'security', 'from', 'to', 'username', 'password'],
};

/** Which fields the form shows for a type. */
export function fieldsOf(type: ChannelType): readonly (keyof ChannelFormValue)[] {
  return FIELDS[type];
}

/**
 * The create request: only the type's fields, blanks left out (the server says what is missing),
 * numbers as numbers, recipients split on commas.
 */
export function channelBody(v: ChannelFormValue): CreateChannelDto {
  const body: CreateChannelDto = { type: v.type, name: v.name.trim() };
  const out = body as unknown as Record<string, unknown>;
  for (const field of FIELDS[v.type]) {
    const raw = String(v[field]).trim();
    if (!raw) continue;
    if (field === 'port') out[field] = Number(raw);
    else if (field === 'to') out[field] = raw.split(/[,;\s]+/).filter(Boolean);
    else out[field] = raw;
  }
  if (v.capPerHour.trim()) body.capPerHour = Number(v.capPerHour);
  if (v.quietHours.trim()) body.quietHours = v.quietHours.trim();
  return body;
}

/** Where a channel sends, in a few words, for the list. */
export function channelTarget(c: ChannelDto): string {
  const s = c.settings as Record<string, unknown>;
  const str = (k: string): string => (typeof s[k] === 'string' ? s[k] : '');
  switch (c.type) {
    case 'webhook':
      return `${str('url')} (${str('format') || 'json'})`;
    case 'ntfy':
      return `${str('server').replace(/\/$/, '')}/${str('topic')}`;
    case 'gotify':
      return str('url');
    case 'email': {
      const to = Array.isArray(s['to']) ? (s['to'] as string[]).join(', ') : '';
      return `${to} via ${str('host')}:${typeof s['port'] === 'number' ? s['port'] : ''}`;
    }
  }
}
