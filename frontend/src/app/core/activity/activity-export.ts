import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ActivityService } from '../../api/services';
import { describeApiError } from '../http/api-error';

/** File name for an export made at `now`, e.g. proxicloud-activity-2026-11-26.csv. */
export function exportFileName(now: Date): string {
  return `proxicloud-activity-${now.toISOString().slice(0, 10)}.csv`;
}

/** Downloads the activity log (who did what, when) as CSV through the generated client. */
@Injectable({ providedIn: 'root' })
export class ActivityExport {
  private readonly api = inject(ActivityService);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  async download(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const csv = await firstValueFrom(this.api.exportActivityCsv());
      saveText(csv, exportFileName(new Date()), 'text/csv');
    } catch (err) {
      this.error.set(describeApiError(err));
    } finally {
      this.busy.set(false);
    }
  }
}

function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
