import type { Severity } from '../entities/alert-rule.entity.js';
import type { SubjectType } from '../entities/alert.entity.js';

export type NoticeEvent = 'alert.firing' | 'alert.resolved' | 'alert.digest' | 'alert.test';

/** What a notification says, before a channel formats it. */
export interface Notice {
  event: NoticeEvent;
  rule: string;
  severity: Severity;
  subject: { type: SubjectType; vmid?: number; node?: string; name?: string };
  message: string;
  /** ISO 8601 */
  startsAt: string;
  endsAt?: string;
  url?: string;
  /** a digest: how many notifications it stands for */
  count?: number;
}

/** The webhook body, field for field as docs/API.md documents it. */
export function webhookPayload(n: Notice): Record<string, unknown> {
  const body: Record<string, unknown> = {
    event: n.event,
    rule: n.rule,
    severity: n.severity,
    subject: n.subject,
    message: n.message,
    startsAt: n.startsAt,
  };
  if (n.endsAt !== undefined) body.endsAt = n.endsAt;
  if (n.url !== undefined) body.url = n.url;
  if (n.count !== undefined) body.count = n.count;
  return body;
}

const STATE_WORD: Record<NoticeEvent, string> = {
  'alert.firing': 'FIRING',
  'alert.resolved': 'RESOLVED',
  'alert.digest': 'DIGEST',
  'alert.test': 'TEST',
};

export function subjectLabel(n: Notice): string {
  const s = n.subject;
  if (s.type === 'ct') return `CT ${s.vmid}${s.name ? ` (${s.name})` : ''}`;
  if (s.type === 'node') return `node ${s.node}`;
  return 'Proxmox';
}

/** One line: "[FIRING] container-down: CT 101 (web)". */
export function noticeTitle(n: Notice): string {
  if (n.event === 'alert.digest') return `[DIGEST] ${n.count ?? 0} more alert notifications`;
  if (n.event === 'alert.test') return '[TEST] ProxiCloud test notification';
  return `[${STATE_WORD[n.event]}] ${n.rule}: ${subjectLabel(n)}`;
}

export function noticeText(n: Notice): string {
  const lines = [noticeTitle(n), '', n.message, '', `severity: ${n.severity}`];
  lines.push(`since: ${n.startsAt}`);
  if (n.endsAt) lines.push(`ended: ${n.endsAt}`);
  if (n.url) lines.push(n.url);
  return lines.join('\n');
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function noticeHtml(n: Notice): string {
  const rows = [
    ['severity', n.severity],
    ['since', n.startsAt],
    ...(n.endsAt ? [['ended', n.endsAt]] : []),
  ];
  const table = rows
    .map(([k, v]) => `<tr><th align="left">${k}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const message = escapeHtml(n.message).replace(/\n/g, '<br>');
  const link = n.url ? `<p><a href="${escapeHtml(n.url)}">Open in ProxiCloud</a></p>` : '';
  return `<h2>${escapeHtml(noticeTitle(n))}</h2><p>${message}</p><table>${table}</table>${link}`;
}
