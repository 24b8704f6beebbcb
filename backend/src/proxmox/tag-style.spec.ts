import { describe, expect, it } from 'vitest';
import { DEFAULT_TAG_STYLE, mapTagStyle, uniqueTags } from './tag-style.js';

describe('uniqueTags (PVE::GuestHelpers::get_unique_tags)', () => {
  const tags = ['web', 'Prod', 'alpha', 'WEB', 'prod'];

  it('lower-cases, sorts and drops repeats by default', () => {
    expect(uniqueTags(tags, DEFAULT_TAG_STYLE)).toEqual(['alpha', 'prod', 'web']);
  });

  it('keeps case and sorts by code point (upper case first) when case-sensitive', () => {
    const style = { caseSensitive: true, ordering: 'alphabetical' } as const;
    expect(uniqueTags(tags, style)).toEqual(['Prod', 'WEB', 'alpha', 'prod', 'web']);
  });

  it('keeps the order given with ordering=config', () => {
    expect(uniqueTags(tags, { caseSensitive: false, ordering: 'config' })).toEqual([
      'web',
      'prod',
      'alpha',
    ]);
    expect(uniqueTags(tags, { caseSensitive: true, ordering: 'config' })).toEqual(tags);
  });
});

describe('mapTagStyle', () => {
  it('reads the object /cluster/options answers, a property string, and nothing as the default', () => {
    expect(mapTagStyle({ 'case-sensitive': 1, ordering: 'config', shape: 'full' })).toEqual({
      caseSensitive: true,
      ordering: 'config',
    });
    expect(mapTagStyle('case-sensitive=1,shape=dense')).toEqual({
      caseSensitive: true,
      ordering: 'alphabetical',
    });
    expect(mapTagStyle(undefined)).toEqual(DEFAULT_TAG_STYLE);
    expect(mapTagStyle({ 'case-sensitive': '0' })).toEqual(DEFAULT_TAG_STYLE);
  });
});
