import { newPasswordProblem } from './password-dialog.component';

describe('newPasswordProblem', () => {
  it('needs a long enough password typed twice the same', () => {
    expect(newPasswordProblem('short', 'short')).toContain('at least 8');
    expect(newPasswordProblem('long-password', 'long-passwort')).toBe(
      'The two new passwords differ.',
    );
    expect(newPasswordProblem('long-password', 'long-password')).toBeNull();
  });
});
