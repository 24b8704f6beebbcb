/** What Proxmox lets a tag hold (pve-tag-list). */
export const TAG_PATTERN = /^[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*$/;

/** Splits typed text on commas, semicolons and spaces. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** datacenter.cfg `tag-style`, as GET /api/datacenter/tag-style gives it. */
export interface TagStyle {
  readonly caseSensitive: boolean;
  readonly ordering: 'alphabetical' | 'config';
}

/** Proxmox's default: lower-cased, sorted. */
export const DEFAULT_TAG_STYLE: TagStyle = { caseSensitive: false, ordering: 'alphabetical' };

/** Perl's `cmp`: code-unit order, not the locale's. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What Proxmox stores for these tags under the datacenter's tag-style
 * (PVE::GuestHelpers::get_unique_tags): sorted unless ordering is `config` (by the lower-cased
 * tag unless case-sensitive), lower-cased unless case-sensitive, each once.
 */
export function storedTags(tags: readonly string[], style: TagStyle = DEFAULT_TAG_STYLE): string[] {
  const fold = (t: string) => (style.caseSensitive ? t : t.toLowerCase());
  const ordered =
    style.ordering === 'config' ? [...tags] : [...tags].sort((a, b) => cmp(fold(a), fold(b)));
  return [...new Set(ordered.map(fold))];
}

/** The first tag Proxmox would refuse, or null. */
export function invalidTag(tags: readonly string[]): string | null {
  return tags.find((t) => !TAG_PATTERN.test(t)) ?? null;
}
