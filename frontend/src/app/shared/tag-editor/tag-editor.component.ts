import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { invalidTag, parseTags, storedTags } from './stored-tags';
import { TagStyleStore } from './tag-style.store';

/**
 * Tags shown as chips with an inline editor: the preview says what Proxmox will store under the
 * datacenter's tag-style (by default lower-cased and sorted), the parent saves them.
 */
@Component({
  selector: 'pc-tag-editor',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  template: `
    @if (editing()) {
      <span class="editor">
        <input
          class="input"
          aria-label="Tags"
          placeholder="web, prod"
          [value]="text()"
          (input)="text.set($any($event.target).value)"
          (keydown.enter)="commit()"
          (keydown.escape)="editing.set(false)"
          (click)="$event.stopPropagation()"
        />
        <button
          mat-icon-button
          type="button"
          aria-label="Save tags"
          [disabled]="!!problem()"
          (click)="commit(); $event.stopPropagation()"
        >
          <mat-icon>check</mat-icon>
        </button>
        <button
          mat-icon-button
          type="button"
          aria-label="Cancel"
          (click)="editing.set(false); $event.stopPropagation()"
        >
          <mat-icon>close</mat-icon>
        </button>
        <span class="hint" [class.bad]="!!problem()">{{
          problem() || 'Stored as: ' + (preview().join(', ') || 'no tags')
        }}</span>
      </span>
    } @else {
      @if (showTags()) {
        @for (tag of tags(); track tag) {
          <span class="tag">{{ tag }}</span>
        }
      }
      @if (editable()) {
        <button
          mat-icon-button
          type="button"
          class="edit"
          aria-label="Edit tags"
          [matTooltip]="disabledReason() || 'Edit tags'"
          [disabled]="!!disabledReason()"
          (click)="start(); $event.stopPropagation()"
        >
          <mat-icon>edit</mat-icon>
        </button>
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
    }
    .tag {
      padding: 0 8px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-medium);
    }
    .editor {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
    }
    .input {
      font: var(--mat-sys-body-medium);
      padding: 4px 8px;
      min-width: 160px;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface);
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
    }
    .hint {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      width: 100%;
    }
    .hint.bad {
      color: var(--mat-sys-error);
    }
    .edit {
      --mdc-icon-button-state-layer-size: 28px;
      width: 28px;
      height: 28px;
      padding: 2px;
    }
    .edit mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TagEditorComponent {
  readonly tags = input.required<readonly string[]>();
  readonly editable = input(true);
  /** false: only the edit button (the host shows the tags its own way). */
  readonly showTags = input(true);
  /** Why editing is not possible now (role, token, lock); '' when it is. */
  readonly disabledReason = input('');
  /** The tags as typed; Proxmox normalises them on save. */
  readonly save = output<string[]>();

  protected readonly editing = signal(false);
  protected readonly text = signal('');
  protected readonly typed = computed(() => parseTags(this.text()));
  private readonly tagStyle = inject(TagStyleStore);
  protected readonly preview = computed(() => storedTags(this.typed(), this.tagStyle.style()));
  protected readonly problem = computed(() => {
    const bad = invalidTag(this.typed());
    return bad ? `'${bad}': tags may hold letters, digits, '_', '-', '+' and '.'` : '';
  });

  protected start(): void {
    void this.tagStyle.load();
    this.text.set(this.tags().join(', '));
    this.editing.set(true);
  }

  protected commit(): void {
    if (this.problem()) return;
    this.editing.set(false);
    this.save.emit(this.typed());
  }
}
