import type { ActivityEntryDto } from './dto/activity-entry.dto.js';

const COLUMNS = [
  'at',
  'actor',
  'action',
  'target',
  'node',
  'result',
  'upid',
  'message',
  'endedAt',
] as const;

/**
 * One CSV cell: quoted when needed, and a leading = + - @ defused with a quote so a spreadsheet
 * never runs text that came from Proxmox or a user as a formula.
 */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header line and CRLF line ends. */
export function toCsv(entries: ActivityEntryDto[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of entries) lines.push(COLUMNS.map((c) => csvCell(e[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
