/** Of two answers of the same read, the one Proxmox gave later (the first on a tie). */
export function newest<T extends { readonly fetchedAt: string }>(
  a: T | undefined,
  b: T | undefined,
): T | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(b.fetchedAt) > Date.parse(a.fetchedAt) ? b : a;
}
