import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom, of } from 'rxjs';
import { AuthService } from '../../api/services';
import { authInterceptor, isAuthProbe, isMutating, isPublicPage } from './auth.interceptor';
import { AuthStore } from './auth.store';

describe('interceptor helpers', () => {
  it('treats POST, PUT, PATCH and DELETE as mutating', () => {
    expect(['post', 'PUT', 'PATCH', 'DELETE'].every(isMutating)).toBe(true);
    expect(isMutating('GET')).toBe(false);
  });
  it('recognises the auth calls whose 401 is expected', () => {
    expect(isAuthProbe('/api/auth/login')).toBe(true);
    expect(isAuthProbe('http://host:8080/api/auth/me?x=1')).toBe(true);
    expect(isAuthProbe('/api/containers')).toBe(false);
  });
  it('knows the pages that need no session', () => {
    expect(isPublicPage('/login?returnUrl=%2Fx')).toBe(true);
    expect(isPublicPage('/setup')).toBe(true);
    expect(isPublicPage('/loginx')).toBe(false);
  });
});

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let navigate: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    navigate = vi.fn(() => Promise.resolve(true));
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: Router, useValue: { url: '/containers/101', navigate } },
        {
          provide: AuthService,
          useValue: {
            login: () => of({ username: 'a', role: 'admin', kind: 'session', csrfToken: 'tok' }),
          },
        },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(AuthStore).login({ username: 'a', password: 'b' });
  });

  it('adds the CSRF header to mutating requests only', () => {
    void firstValueFrom(http.post('/api/containers', {}));
    void firstValueFrom(http.get('/api/containers'));
    const post = backend.expectOne({ method: 'POST' });
    const get = backend.expectOne({ method: 'GET' });
    expect(post.request.headers.get('X-CSRF-Token')).toBe('tok');
    expect(post.request.withCredentials).toBe(true);
    expect(get.request.headers.has('X-CSRF-Token')).toBe(false);
  });

  it('sends the user to the login page on 401, keeping where they were', async () => {
    const call = firstValueFrom(http.get('/api/containers'));
    backend.expectOne('/api/containers').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/containers/101' },
    });
    expect(TestBed.inject(AuthStore).signedIn()).toBe(false);
  });

  it('does not redirect again for requests failing after a sign-out', async () => {
    TestBed.inject(AuthStore).signOutLocally();
    const call = firstValueFrom(http.get('/api/status'));
    backend.expectOne('/api/status').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('leaves a wrong password to the login form', async () => {
    const call = firstValueFrom(http.post('/api/auth/login', {}));
    backend.expectOne('/api/auth/login').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('passes other errors through untouched', async () => {
    const call = firstValueFrom(http.get('/api/containers'));
    backend.expectOne('/api/containers').flush(null, { status: 403, statusText: 'Forbidden' });
    await expect(call).rejects.toMatchObject({ status: 403 });
    expect(navigate).not.toHaveBeenCalled();
  });
});
