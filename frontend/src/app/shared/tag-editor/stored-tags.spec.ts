import { invalidTag, parseTags, storedTags } from './stored-tags';

describe('stored tags', () => {
  it('splits typed text on commas, semicolons and spaces', () => {
    expect(parseTags(' Web, prod;db  x ')).toEqual(['Web', 'prod', 'db', 'x']);
  });

  it('shows what Proxmox stores by default: lower-cased, sorted, unique', () => {
    expect(storedTags(['Web', 'prod', 'web'])).toEqual(['prod', 'web']);
  });

  it("follows the datacenter's tag-style: case kept, order kept", () => {
    const tags = ['Web', 'prod', 'web', 'Web'];
    expect(storedTags(tags, { caseSensitive: true, ordering: 'alphabetical' })).toEqual([
      'Web',
      'prod',
      'web',
    ]);
    expect(storedTags(tags, { caseSensitive: false, ordering: 'config' })).toEqual(['web', 'prod']);
    expect(storedTags(['b', 'B', 'a'], { caseSensitive: true, ordering: 'config' })).toEqual([
      'b',
      'B',
      'a',
    ]);
  });

  it('names the first tag Proxmox would refuse', () => {
    expect(invalidTag(['ok', 'no!pe'])).toBe('no!pe');
    expect(invalidTag(['ok'])).toBeNull();
  });
});
