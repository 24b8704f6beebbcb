import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { TagStyleDto } from '../../api/models';
import { DatacenterService } from '../../api/services';
import { TagEditorComponent } from './tag-editor.component';

@Component({
  imports: [TagEditorComponent],
  template: `<pc-tag-editor [tags]="tags()" (save)="saved.set($event)" />`,
})
class HostComponent {
  readonly tags = signal<string[]>(['prod']);
  readonly saved = signal<string[] | null>(null);
}

async function editorWith(style: Omit<TagStyleDto, 'stale' | 'fetchedAt'>) {
  const getTagStyle = vi.fn(() => of({ ...style, stale: false, fetchedAt: '' }));
  TestBed.configureTestingModule({
    providers: [{ provide: DatacenterService, useValue: { getTagStyle } }],
  });
  const fixture = TestBed.createComponent(HostComponent);
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  el.querySelector<HTMLButtonElement>('button[aria-label="Edit tags"]')!.click();
  await fixture.whenStable();
  fixture.detectChanges();
  const type = async (text: string) => {
    const input = el.querySelector<HTMLInputElement>('input[aria-label="Tags"]')!;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await fixture.whenStable();
    return el.querySelector('.hint')!.textContent.trim();
  };
  return { type, getTagStyle };
}

describe('TagEditorComponent', () => {
  it('shows what Proxmox stores with its default tag-style: lower-cased, sorted, once', async () => {
    const { type, getTagStyle } = await editorWith({
      caseSensitive: false,
      ordering: 'alphabetical',
    });
    expect(await type('Web, alpha, web')).toBe('Stored as: alpha, web');
    expect(getTagStyle).toHaveBeenCalledTimes(1);
  });

  it("follows the datacenter's tag-style read from the console (case and order kept)", async () => {
    const { type } = await editorWith({ caseSensitive: true, ordering: 'config' });
    expect(await type('Web, alpha, web, Web')).toBe('Stored as: Web, alpha, web');
  });
});
