import { newUserProblem } from './new-user-form.component';

describe('newUserProblem', () => {
  it('explains a bad username before a bad password', () => {
    expect(newUserProblem({ username: ' bob', password: 'x', role: 'viewer' })).toContain(
      'letters, digits',
    );
    expect(newUserProblem({ username: 'bob', password: 'x', role: 'viewer' })).toContain(
      'at least 8',
    );
  });
  it('lets a valid account through', () => {
    expect(
      newUserProblem({ username: 'bob', password: 'long-password', role: 'admin' }),
    ).toBeNull();
  });
});
