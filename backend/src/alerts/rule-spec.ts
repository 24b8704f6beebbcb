import type { PveGuest } from '../proxmox/proxmox.types.js';
import type { RuleKind, ScopeKind, Severity } from './entities/alert-rule.entity.js';

/** A rule as the engine reads it. */
export interface RuleSpec {
  id: number;
  name: string;
  kind: RuleKind;
  severity: Severity;
  scopeKind: ScopeKind;
  scopeValue: string | null;
  threshold: number | null;
  forS: number;
}

/** Failed cycles before proxmox-unreachable fires when the rule names no threshold. */
export const DEFAULT_UNREACHABLE_CYCLES = 3;

/**
 * The desired-state tag. PVE tags cannot hold '=' (pve-common JSONSchema.pm, format 'pve-tag':
 * [a-z0-9_][a-z0-9_\-+.]*), so `pxc.expect.running` / `pxc.expect.stopped` is what a CT can carry;
 * `pxc.expect=running` is accepted too for tags set by other means.
 */
export function expectedState(tags: string[]): 'running' | 'stopped' | undefined {
  for (const tag of tags) {
    const m = /^pxc\.expect[.=](running|stopped)$/i.exec(tag);
    if (m) return m[1].toLowerCase() as 'running' | 'stopped';
  }
  return undefined;
}

export function guestInScope(rule: RuleSpec, g: Pick<PveGuest, 'vmid' | 'node' | 'tags'>): boolean {
  const v = rule.scopeValue ?? '';
  switch (rule.scopeKind) {
    case 'all':
      return true;
    case 'tag':
      return g.tags.some((t) => t.toLowerCase() === v.toLowerCase());
    case 'node':
      return g.node === v;
    case 'vmids':
      return v.split(',').some((id) => Number(id.trim()) === g.vmid);
  }
}

export function nodeInScope(rule: RuleSpec, node: string): boolean {
  return rule.scopeKind !== 'node' || rule.scopeValue === node;
}

/** Percent used for the threshold kinds; null when the CT does not run or has no limit. */
export function usagePercent(kind: RuleKind, g: PveGuest): number | null {
  if (g.status !== 'running') return null;
  if (kind === 'cpu') return g.cpu * 100;
  if (kind === 'memory') return g.maxmem > 0 ? (g.mem / g.maxmem) * 100 : null;
  if (kind === 'rootfs') return g.maxdisk > 0 ? (g.disk / g.maxdisk) * 100 : null;
  return null;
}
