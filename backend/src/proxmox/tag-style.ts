import { parsePropertyString } from './property-string.js';
import { toBool } from './proxmox.values.js';

/** datacenter.cfg `tag-style`: what PVE does to a guest's tags when it stores them. */
export interface TagStyle {
  /** false (default): tags are lower-cased, and unique regardless of case */
  caseSensitive: boolean;
  /** alphabetical (default): sorted; config: kept in the order given */
  ordering: 'alphabetical' | 'config';
}

export const DEFAULT_TAG_STYLE: TagStyle = { caseSensitive: false, ordering: 'alphabetical' };

/**
 * `tag-style` from GET /cluster/options: PVE::DataCenterConfig parses it into an object
 * (`{"case-sensitive":1,"ordering":"config"}`); a property string is read too, defensively.
 */
export function mapTagStyle(raw: unknown): TagStyle {
  const fields =
    typeof raw === 'string'
      ? parsePropertyString(raw)
      : raw && typeof raw === 'object'
        ? (raw as Record<string, unknown>)
        : {};
  const caseSensitive = fields['case-sensitive'];
  return {
    caseSensitive:
      typeof caseSensitive === 'string' ||
      typeof caseSensitive === 'number' ||
      typeof caseSensitive === 'boolean'
        ? toBool(caseSensitive)
        : false,
    ordering: fields.ordering === 'config' ? 'config' : 'alphabetical',
  };
}

/** Perl's `cmp`: code-unit order, not the locale's. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * PVE::GuestHelpers::get_unique_tags: what PVE stores for these tags under `style`. Sorted (by the
 * lower-cased tag unless case-sensitive) unless ordering is `config`; lower-cased unless
 * case-sensitive; the first of equal tags kept.
 */
export function uniqueTags(tags: readonly string[], style: TagStyle): string[] {
  const fold = (t: string) => (style.caseSensitive ? t : t.toLowerCase());
  const ordered =
    style.ordering === 'config' ? [...tags] : [...tags].sort((a, b) => cmp(fold(a), fold(b)));
  return [...new Set(ordered.map(fold))];
}
