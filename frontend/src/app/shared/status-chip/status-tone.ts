export type StatusTone = 'good' | 'neutral' | 'warning' | 'error' | 'info';

const TONES: Record<string, StatusTone> = {
  running: 'good',
  online: 'good',
  ok: 'good',
  available: 'good',
  stopped: 'neutral',
  paused: 'warning',
  locked: 'warning',
  suspended: 'warning',
  unknown: 'warning',
  stale: 'warning',
  pending: 'info',
  queued: 'info',
  downloading: 'info',
  offline: 'error',
  error: 'error',
  failed: 'error',
};

/**
 * Maps a Proxmox or console status to a colour tone. Proxmox task exit statuses other than "OK"
 * are error texts ("command 'pct start' failed: ..."), so any unknown status that reads like an
 * error is treated as one.
 */
export function statusTone(status: string | null | undefined): StatusTone {
  if (!status) return 'warning';
  const key = status.trim().toLowerCase();
  const known = TONES[key];
  if (known) return known;
  if (/fail|error|unable|denied|abort/.test(key)) return 'error';
  return 'neutral';
}

const ICONS: Record<StatusTone, string> = {
  good: 'check_circle',
  neutral: 'stop_circle',
  warning: 'help',
  error: 'error',
  info: 'schedule',
};

export function statusIcon(tone: StatusTone): string {
  return ICONS[tone];
}
