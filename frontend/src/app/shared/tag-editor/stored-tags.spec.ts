import { invalidTag, parseTags, storedTags } from './stored-tags';

describe('stored tags', () => {
  it('splits typed text on commas, semicolons and spaces', () => {
    expect(parseTags(' Web, prod;db  x ')).toEqual(['Web', 'prod', 'db', 'x']);
  });

  it('shows what Proxmox stores: lower-cased, sorted, unique', () => {
    expect(storedTags(['Web', 'prod', 'web'])).toEqual(['prod', 'web']);
  });

  it('names the first tag Proxmox would refuse', () => {
    expect(invalidTag(['ok', 'no!pe'])).toBe('no!pe');
    expect(invalidTag(['ok'])).toBeNull();
  });
});
