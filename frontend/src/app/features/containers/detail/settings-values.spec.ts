import { describePending, numberOrNull, textOrNull } from './settings-values';

describe('settings values', () => {
  it('reads empty fields as not set', () => {
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull(null)).toBeNull();
    expect(numberOrNull(2)).toBe(2);
    expect(textOrNull('  ')).toBeNull();
    expect(textOrNull(' a ')).toBe('a');
  });

  it('says what each pending change does at the next restart', () => {
    expect(
      describePending([
        { key: 'nameserver', pending: '9.9.9.9', delete: false },
        { key: 'features', value: 'nesting=1', delete: true },
      ]),
    ).toEqual([
      'nameserver: 9.9.9.9 at the next restart (now unset)',
      'features: removed at the next restart (now nesting=1)',
    ]);
  });
});
