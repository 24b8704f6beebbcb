import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { ActivityService } from '../../api/services';
import { ActivityExport, exportFileName } from './activity-export';

describe('ActivityExport', () => {
  it('names the file after the day of the export', () =>
    expect(exportFileName(new Date('2026-11-26T04:00:00Z'))).toBe(
      'proxicloud-activity-2026-11-26.csv',
    ));

  it('saves the CSV the API returns', async () => {
    const exportActivityCsv = vi.fn(() => of('at,actor\n'));
    TestBed.configureTestingModule({
      providers: [{ provide: ActivityService, useValue: { exportActivityCsv } }],
    });
    const createObjectURL = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    const exporter = TestBed.inject(ActivityExport);
    await exporter.download();
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    expect(exporter.busy()).toBe(false);
    click.mockRestore();
  });

  it('keeps the error text when the export is refused', async () => {
    const exportActivityCsv = () =>
      throwError(() => new HttpErrorResponse({ status: 403, error: { message: 'not allowed' } }));
    TestBed.configureTestingModule({
      providers: [{ provide: ActivityService, useValue: { exportActivityCsv } }],
    });
    const exporter = TestBed.inject(ActivityExport);
    await exporter.download();
    expect(exporter.error()).toBe('not allowed');
  });
});
