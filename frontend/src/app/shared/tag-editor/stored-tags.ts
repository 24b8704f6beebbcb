/** What Proxmox lets a tag hold (pve-tag-list). */
export const TAG_PATTERN = /^[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*$/;

/** Splits typed text on commas, semicolons and spaces. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * What Proxmox stores for these tags with datacenter.cfg's default tag-style
 * (PVE::GuestHelpers::get_unique_tags): lower-cased, sorted, each once.
 */
export function storedTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.toLowerCase()))].sort();
}

/** The first tag Proxmox would refuse, or null. */
export function invalidTag(tags: readonly string[]): string | null {
  return tags.find((t) => !TAG_PATTERN.test(t)) ?? null;
}
