import { HttpErrorResponse } from '@angular/common/http';
import { of, throwError } from 'rxjs';
import { aContainer, listOf } from '../../testing/fakes';
import { SELECTOR_DEBOUNCE_MS, SelectorSearch, selectorCompletions } from './selector-search';

const vocab = { tags: ['web', 'prod', 'db'], nodes: ['pve1', 'pve2'], pools: ['web', 'data'] };

describe('selectorCompletions', () => {
  it('offers keys and values for a started bare term', () => {
    expect(selectorCompletions('ta', vocab)).toEqual(['tag:', 'tag:web ', 'tag:prod ', 'tag:db ']);
    expect(selectorCompletions('no', vocab)).toEqual(['node:', 'node:pve1 ', 'node:pve2 ']);
  });

  it('completes the values of tag, node, pool and status, keeping earlier terms', () => {
    expect(selectorCompletions('status:running tag:w', vocab)).toEqual(['status:running tag:web ']);
    expect(selectorCompletions('pool:', vocab)).toEqual(['pool:web ', 'pool:data ']);
    expect(selectorCompletions('node:pve', vocab)).toEqual(['node:pve1 ', 'node:pve2 ']);
    expect(selectorCompletions('status:st', vocab)).toEqual(['status:stopped ']);
  });

  it('keeps a negation and offers nothing for an empty or finished term', () => {
    expect(selectorCompletions('-tag:p', vocab)).toEqual(['-tag:prod ']);
    expect(selectorCompletions('', vocab)).toEqual([]);
    expect(selectorCompletions('tag:web ', vocab)).toEqual([]);
    expect(selectorCompletions('tag:web', vocab)).toEqual([]);
  });
});

describe('SelectorSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the server after a pause in typing and keeps the vmids it answered', async () => {
    const resolve = vi.fn(() => of(listOf([aContainer({ vmid: 101 }), aContainer({ vmid: 108 })])));
    const search = new SelectorSearch(resolve);
    search.schedule('t');
    search.schedule('tag:web');
    expect(resolve).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(SELECTOR_DEBOUNCE_MS);
    expect(resolve).toHaveBeenCalledExactlyOnceWith('tag:web');
    expect([...(search.matched() ?? [])]).toEqual([101, 108]);
    search.schedule('  ');
    expect(search.matched()).toBeNull();
  });

  it('matches nothing and shows the message for a selector the server refuses', async () => {
    const refusal = new HttpErrorResponse({
      status: 400,
      error: { message: 'Unknown selector key "colour" in "colour:red"' },
    });
    const search = new SelectorSearch(() => throwError(() => refusal));
    search.schedule('colour:red');
    await vi.advanceTimersByTimeAsync(SELECTOR_DEBOUNCE_MS);
    expect(search.matched()?.size).toBe(0);
    expect(search.error()).toContain('Unknown selector key "colour"');
  });
});
