import type { Handler } from '../server/context.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ALIASES: Record<string, string> = {
  hourly: '*:00',
  daily: '00:00',
  weekly: 'mon 00:00',
};

function parseDays(spec: string): Set<number> | undefined {
  const days = new Set<number>();
  for (const part of spec.split(',')) {
    const [from, to] = part.split('..');
    const a = DAYS.indexOf(from);
    const b = to === undefined ? a : DAYS.indexOf(to);
    if (a < 0 || b < 0) return undefined;
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return days;
}

/**
 * The next time a calendar event (`[weekdays] hour:minute`, hours `*`, `a,b` or `*\/n`; `hourly`,
 * `daily`, `weekly`) fires after `fromSec`, in UTC (pve-sim's nodes run on UTC). The subset of
 * systemd.time(7) that PVE's backup job editor writes; Proxmox::RS::CalendarEvent knows more.
 */
export function nextEvent(schedule: string, fromSec: number): number | undefined {
  const text = ALIASES[schedule.trim()] ?? schedule.trim();
  const m = /^(?:([a-z.,]+)\s+)?(\*|\*\/\d+|\d{1,2}(?:,\d{1,2})*):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const days = m[1] ? parseDays(m[1]) : new Set([0, 1, 2, 3, 4, 5, 6]);
  if (!days) return undefined;
  const minute = Number(m[3]);
  const hourOk = (h: number): boolean => {
    if (m[2] === '*') return true;
    if (m[2].startsWith('*/')) return h % Number(m[2].slice(2)) === 0;
    return m[2].split(',').map(Number).includes(h);
  };
  let t = Math.floor(fromSec / 60) * 60 + 60;
  for (let i = 0; i < 8 * 24 * 60; i++, t += 60) {
    const d = new Date(t * 1000);
    if (d.getUTCMinutes() === minute && hourOk(d.getUTCHours()) && days.has(d.getUTCDay()))
      return t;
  }
  return undefined;
}

/**
 * GET /cluster/backup (pve-manager API2/Backup.pm index): the jobs of jobs.cfg with `next-run`
 * computed from now for each job with a schedule (`Sys.Audit` on / is the schema's check).
 */
export const listBackupJobs: Handler = (ctx) => {
  const now = ctx.sim.nowSec();
  return ctx.sim.cluster.backupJobs.map((job) => {
    const out: Record<string, unknown> = { ...job, type: 'vzdump' };
    const next = job.schedule ? nextEvent(job.schedule, now) : undefined;
    if (next !== undefined) out['next-run'] = next;
    return out;
  });
};
