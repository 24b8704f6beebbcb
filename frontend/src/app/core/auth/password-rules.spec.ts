import { passwordProblem, usernameProblem } from './password-rules';

describe('passwordProblem', () => {
  it('refuses passwords outside the length the backend accepts', () => {
    expect(passwordProblem('short')).toContain('at least 8');
    expect(passwordProblem('x'.repeat(257))).toContain('at most 256');
  });
  it('accepts a long enough password', () => {
    expect(passwordProblem('correct-horse')).toBeNull();
  });
});

describe('usernameProblem', () => {
  it('accepts names the backend accepts and explains the rest', () => {
    expect(usernameProblem('alice.ops@lab')).toBeNull();
    expect(usernameProblem('-alice')).toContain('starting with');
    expect(usernameProblem('')).not.toBeNull();
  });
});
