import { Injectable, signal } from '@angular/core';

/**
 * Names that routes cannot know up front: a page sets "web-1 (CT 101)" for its own URL once
 * the data has loaded, replacing the route's generic "CT 101".
 */
@Injectable({ providedIn: 'root' })
export class BreadcrumbLabels {
  private readonly labels = signal<ReadonlyMap<string, string>>(new Map());
  readonly all = this.labels.asReadonly();

  set(url: string, label: string): void {
    if (this.labels().get(url) === label) return;
    this.labels.update((map) => new Map(map).set(url, label));
  }
}
