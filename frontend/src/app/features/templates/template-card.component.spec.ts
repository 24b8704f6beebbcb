import { TestBed } from '@angular/core/testing';
import { aTemplate } from '../../testing/fakes';
import { TemplateCardComponent } from './template-card.component';

describe('TemplateCardComponent', () => {
  async function render(selected: boolean) {
    const fixture = TestBed.createComponent(TemplateCardComponent);
    fixture.componentRef.setInput('template', aTemplate({ name: 'Alpine 3.20' }));
    fixture.componentRef.setInput('selectable', true);
    fixture.componentRef.setInput('selected', selected);
    await fixture.whenStable();
    return [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')];
  }

  it('names the template on its repeated buttons for screen readers', async () => {
    const buttons = await render(false);
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Use this template: Alpine 3.20',
      'Download: Alpine 3.20',
    ]);
  });

  it('says which template is selected', async () => {
    const [use] = await render(true);
    expect(use.getAttribute('aria-label')).toBe('Selected: Alpine 3.20');
  });
});
