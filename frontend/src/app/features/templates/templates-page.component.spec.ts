import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { NodesService, TemplatesService } from '../../api/services';
import { aNode, aStorage, aTemplate, listOf } from '../../testing/fakes';
import TemplatesPageComponent from './templates-page.component';
import { provideSignedIn, signIn } from '../../core/auth/auth.testing';

describe('TemplatesPageComponent', () => {
  it('shows curated cards, where copies sit, and downloads to the default node', async () => {
    localStorage.clear();
    const copy = {
      node: 'pve1',
      storage: 'local',
      volid: 'local:vztmpl/debian.tar.zst',
      size: 120 * 1024 ** 2,
    };
    const templates = [
      aTemplate({ available: [copy] }),
      aTemplate({ id: 'alpine', name: 'Alpine', os: 'alpine' }),
    ];
    const downloadTemplate = vi.fn(() => of({ upid: 'UPID:dl' }));
    TestBed.configureTestingModule({
      providers: [
        ...provideSignedIn(),
        {
          provide: TemplatesService,
          useValue: { listTemplates: () => of(listOf(templates)), downloadTemplate },
        },
        {
          provide: NodesService,
          useValue: {
            listNodes: () => of(listOf([aNode()])),
            listNodeStorages: () =>
              of(listOf([aStorage({ storage: 'local', content: ['vztmpl'] })])),
          },
        },
      ],
    });
    await signIn();
    const fixture = TestBed.createComponent(TemplatesPageComponent);
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('pc-template-card').length).toBe(2);
    expect(el.textContent).toContain('pve1 / local');
    const download = [...el.querySelectorAll<HTMLButtonElement>('pc-template-card button')].find(
      (b) => b.textContent?.includes('Download'),
    )!;
    expect(download.disabled).toBe(false);
  });
});
