import { ListActivity$Params } from '../../api/fn/activity/list-activity';

export type ActivityResult = NonNullable<ListActivity$Params['result']>;
export type TimeRange = 'any' | '1h' | '24h' | '7d' | '30d' | 'custom';

export interface ActivityFilters {
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly result: ActivityResult | '';
  readonly range: TimeRange;
  /** `datetime-local` input values (local time), used when range is custom */
  readonly from: string;
  readonly to: string;
}

export const NO_FILTERS: ActivityFilters = {
  actor: '',
  action: '',
  target: '',
  result: '',
  range: 'any',
  from: '',
  to: '',
};

export const ACTIVITY_ACTIONS = [
  'create',
  'start',
  'stop',
  'shutdown',
  'reboot',
  'delete',
  'download',
  // sign-ins and changes to accounts, API tokens and two-factor sign-in (target user/, token/)
  'sign-in',
  'sign-in-locked',
  'password-change',
  'password-locked',
  'user-create',
  'user-role',
  'user-password',
  'user-delete',
  'token-create',
  'token-revoke',
  '2fa-on',
  '2fa-off',
  '2fa-reset',
  '2fa-policy',
];

const RANGE_MS: Record<Exclude<TimeRange, 'any' | 'custom'>, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** A `datetime-local` value as ISO 8601, or undefined when empty or unparsable. */
function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function timeBounds(f: ActivityFilters, now: number): Pick<ListActivity$Params, 'since' | 'until'> {
  if (f.range === 'any') return {};
  if (f.range === 'custom') return { since: localToIso(f.from), until: localToIso(f.to) };
  return { since: new Date(now - RANGE_MS[f.range]).toISOString() };
}

/** The API query for these filters: empty fields are left out, ranges end at `now`. */
export function activityQuery(f: ActivityFilters, now = Date.now()): ListActivity$Params {
  const query: ListActivity$Params = {
    actor: f.actor.trim() || undefined,
    action: f.action || undefined,
    target: f.target.trim() || undefined,
    result: f.result || undefined,
    ...timeBounds(f, now),
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
}

/** "Showing 51–100 of 230" style range for the pager. */
export function pageLabel(offset: number, shown: number, total: number): string {
  if (!total) return 'No entries';
  return `${offset + 1}–${offset + shown} of ${total}`;
}
