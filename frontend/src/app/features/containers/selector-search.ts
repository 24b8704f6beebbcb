import { signal } from '@angular/core';
import { Observable, firstValueFrom } from 'rxjs';
import { ContainerListDto } from '../../api/models';
import { describeApiError } from '../../core/http/api-error';

export const SELECTOR_DEBOUNCE_MS = 200;

/**
 * The search box's selector (`tag:web -node:pve2 vmid:100-120`), resolved by the server with the
 * same parser plans and schedules use, so the list shows exactly what a plan would target.
 * `matched` is null while the box is empty; a selector the server refuses matches nothing and
 * leaves its message in `error`.
 */
export class SelectorSearch {
  readonly matched = signal<ReadonlySet<number> | null>(null);
  readonly error = signal<string | null>(null);
  private text = '';
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly resolve: (selector: string) => Observable<ContainerListDto>) {}

  /** Resolves `text` after a short pause in typing. */
  schedule(text: string): void {
    clearTimeout(this.timer);
    this.text = text.trim();
    if (!this.text) {
      this.sequence++;
      this.matched.set(null);
      this.error.set(null);
      return;
    }
    this.timer = setTimeout(() => void this.refresh(), SELECTOR_DEBOUNCE_MS);
  }

  /** Resolves the current text now (also on every list refresh, as states change). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const text = this.text;
    if (!text) return;
    const mine = ++this.sequence;
    try {
      const list = await firstValueFrom(this.resolve(text));
      if (mine !== this.sequence) return;
      this.matched.set(new Set(list.items.map((ct) => ct.vmid)));
      this.error.set(null);
    } catch (err) {
      if (mine !== this.sequence) return;
      this.matched.set(new Set());
      this.error.set(describeApiError(err));
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

export interface SelectorVocabulary {
  readonly tags: readonly string[];
  readonly nodes: readonly string[];
  readonly pools: readonly string[];
}

const STATUSES = ['running', 'stopped', 'paused', 'unknown'];
const KEYS = ['tag:', 'node:', 'pool:', 'status:', 'name:', 'vmid:'];
export const MAX_COMPLETIONS = 8;

/**
 * Completions for the term being typed (the last one): keys, then the tags, nodes and pools in
 * use. Each completion is the whole new text of the box.
 */
export function selectorCompletions(text: string, vocab: SelectorVocabulary): string[] {
  const start = text.search(/\S*$/);
  const head = text.slice(0, start);
  const term = text.slice(start);
  const negated = term.startsWith('-') ? '-' : '';
  const body = term.slice(negated.length).toLowerCase();
  const colon = body.indexOf(':');
  let options: string[];
  if (colon < 0) {
    const values = [
      ...vocab.tags.map((t) => `tag:${t}`),
      ...vocab.nodes.map((n) => `node:${n}`),
      ...vocab.pools.map((p) => `pool:${p}`),
    ];
    options = [...KEYS, ...values].filter((o) => body && o.startsWith(body) && o !== body);
    if (!body) options = [];
  } else {
    const key = body.slice(0, colon);
    const partial = body.slice(colon + 1);
    const values: Record<string, readonly string[]> = {
      tag: vocab.tags,
      node: vocab.nodes,
      pool: vocab.pools,
      status: STATUSES,
    };
    options = (values[key] ?? [])
      .filter((v) => v.toLowerCase().startsWith(partial) && v.toLowerCase() !== partial)
      .map((v) => `${key}:${v}`);
  }
  return options
    .slice(0, MAX_COMPLETIONS)
    .map((o) => `${head}${negated}${o}${o.endsWith(':') ? '' : ' '}`);
}
